using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Streams;

public sealed class VirtualListenerTests
{
    [Fact]
    public void Dispose_PendingAcceptFailsWithOperationAborted()
    {
        var net = new TestNetwork();
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port);
        Task<VirtualStream> accept = listener.AcceptAsync().AsTask();

        listener.Dispose();
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithSocketError(accept, SocketError.OperationAborted);
    }

    [Fact]
    public void Dispose_StopsListening_LaterConnectsAreRefused()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port).Dispose();

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithSocketError(connect, SocketError.ConnectionRefused);
    }

    [Fact]
    public void AcceptAsync_Cancelled_ThrowsOperationCanceledAndLaterAcceptStillWorks()
    {
        var net = new TestNetwork();
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port);
        using var cts = new CancellationTokenSource();
        Task<VirtualStream> cancelled = listener.AcceptAsync(cts.Token).AsTask();
        cts.Cancel();
        net.Scheduler.RunUntilIdle();

        cancelled.IsCanceled.ShouldBeTrue();
        net.Connect(listener).Server.ShouldNotBeNull();
    }

    [Fact]
    public void AcceptAsync_ConnectionsQueued_ReturnsThemInArrivalOrder()
    {
        var net = new TestNetwork();
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port);
        VirtualStream first = net.Scheduler.Pump(net.Network.ConnectAsync("client", net.ServerEndPoint));
        VirtualStream second = net.Scheduler.Pump(net.Network.ConnectAsync("client", net.ServerEndPoint));

        net.Scheduler.Pump(listener.AcceptAsync()).RemoteEndPoint.ShouldBe(first.LocalEndPoint);
        net.Scheduler.Pump(listener.AcceptAsync()).RemoteEndPoint.ShouldBe(second.LocalEndPoint);
    }
}
