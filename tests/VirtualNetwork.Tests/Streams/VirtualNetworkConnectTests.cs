using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Streams;

public sealed class VirtualNetworkConnectTests
{
    [Fact]
    public void ConnectAsync_WithListener_CompletesAfterOneRoundTrip()
    {
        var net = new TestNetwork(TestNetwork.WithLink(TestNetwork.FixedLatency(5)));
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port);

        VirtualStream client = net.Scheduler.Pump(net.Network.ConnectAsync("client", net.ServerEndPoint));

        net.Scheduler.NowTicks.ShouldBe(TestNetwork.MsTicks(10));
        client.RemoteEndPoint.ShouldBe(net.ServerEndPoint);
        VirtualStream server = net.Scheduler.Pump(listener.AcceptAsync());
        server.RemoteEndPoint.ShouldBe(client.LocalEndPoint);
        server.LocalEndPoint.ShouldBe(client.RemoteEndPoint);
    }

    [Fact]
    public void ConnectAsync_NoListener_RefusedAfterOneRoundTrip()
    {
        var net = new TestNetwork(TestNetwork.WithLink(TestNetwork.FixedLatency(5)));

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithSocketError(connect, SocketError.ConnectionRefused);
        net.Scheduler.NowTicks.ShouldBe(TestNetwork.MsTicks(10));
        net.EventsOf(NetworkEventKind.Refused).Count.ShouldBe(1);
    }

    [Fact]
    public void ConnectAsync_ByHostName_ConnectsToFirstAddress()
    {
        var net = new TestNetwork();
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port);

        VirtualStream client = net.Scheduler.Pump(net.Network.ConnectAsync("client", "server", TestNetwork.Port));

        client.RemoteEndPoint.ShouldBe(net.ServerEndPoint);
        listener.LocalEndPoint.ShouldBe(net.ServerEndPoint);
    }

    [Fact]
    public void ConnectAsync_UnknownHostName_FailsWithHostNotFound()
    {
        var net = new TestNetwork();

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", "nowhere", TestNetwork.Port);

        SocketAssert.FailsWithSocketError(connect, SocketError.HostNotFound);
    }

    [Fact]
    public void ConnectAsync_AddressOfNoHost_FailsWithHostUnreachable()
    {
        var net = new TestNetwork();

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", new IPEndPoint(IPAddress.Parse("192.168.1.1"), 80));

        SocketAssert.FailsWithSocketError(connect, SocketError.HostUnreachable);
    }

    [Fact]
    public void ConnectAsync_Twice_AllocatesAscendingEphemeralPorts()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port);

        VirtualStream first = net.Scheduler.Pump(net.Network.ConnectAsync("client", net.ServerEndPoint));
        VirtualStream second = net.Scheduler.Pump(net.Network.ConnectAsync("client", net.ServerEndPoint));

        first.LocalEndPoint.Port.ShouldBe(49152);
        second.LocalEndPoint.Port.ShouldBe(49153);
    }

    [Fact]
    public void ConnectAsync_OverIPv6_Connects()
    {
        var net = new TestNetwork();
        net.Network.AddHost("v6a", IPAddress.Parse("fd00::1"));
        net.Network.AddHost("v6b", IPAddress.Parse("fd00::2"));
        net.Network.Listen("v6b", 443);

        VirtualStream client = net.Scheduler.Pump(net.Network.ConnectAsync("v6a", "v6b", 443));

        client.LocalEndPoint.Address.ShouldBe(IPAddress.Parse("fd00::1"));
        client.RemoteEndPoint.ShouldBe(new IPEndPoint(IPAddress.Parse("fd00::2"), 443));
    }

    [Fact]
    public void ConnectAsync_DuringPartition_StaysPendingUntilTokenCancels()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port);
        net.Network.Partition(["client"], ["server"]);
        using var cts = new CancellationTokenSource();

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint, cts.Token);
        net.Scheduler.RunFor(TimeSpan.FromSeconds(30));
        connect.IsCompleted.ShouldBeFalse();
        cts.Cancel();
        net.Scheduler.RunUntilIdle();

        connect.IsCanceled.ShouldBeTrue();
        Should.Throw<OperationCanceledException>(() => connect.GetAwaiter().GetResult());
    }

    [Fact]
    public void ConnectAsync_DuringPartition_FailsWithTimedOutAfterConnectTimeout()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { ConnectTimeout = TimeSpan.FromSeconds(3) });
        net.Network.Listen("server", TestNetwork.Port);
        net.Network.Partition(["client"], ["server"]);

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithSocketError(connect, SocketError.TimedOut);
        net.Scheduler.NowTicks.ShouldBe(TimeSpan.FromSeconds(3).Ticks);
    }

    [Fact]
    public void ConnectAsync_PartitionRepaired_ConnectsOnRetransmission()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port);
        net.Network.Partition(["client"], ["server"]);

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        connect.IsCompleted.ShouldBeFalse();
        net.Network.RepairAll();

        net.Scheduler.Pump(connect).ShouldNotBeNull();
    }

    [Fact]
    public void ConnectAsync_FullBacklog_StaysPendingUntilAnAcceptMakesRoom()
    {
        var net = new TestNetwork();
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port, backlog: 1);
        net.Scheduler.Pump(net.Network.ConnectAsync("client", net.ServerEndPoint));

        Task<VirtualStream> second = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        second.IsCompleted.ShouldBeFalse();
        net.Scheduler.Pump(listener.AcceptAsync());

        net.Scheduler.Pump(second).ShouldNotBeNull();
        net.Scheduler.Events.ShouldContain(e => e.Kind == NetworkEventKind.Dropped && e.Detail.Contains("backlog full"));
    }

    [Fact]
    public void ConnectAsync_AlreadyCancelledToken_ReturnsCancelledTask()
    {
        var net = new TestNetwork();

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint, new CancellationToken(canceled: true));

        connect.IsCanceled.ShouldBeTrue();
    }

    [Fact]
    public void ConnectAsync_UnknownFromHost_ThrowsArgumentExceptionNamingIt()
    {
        var net = new TestNetwork();

        ArgumentException e = Should.Throw<ArgumentException>(() => net.Network.ConnectAsync("ghost", net.ServerEndPoint));

        e.ParamName.ShouldBe("name");
        e.Message.ShouldContain("ghost");
    }

    [Fact]
    public void ConnectAsync_SynAckLostUntilTheSynIsRepeated_ConnectsOnceAndTheConnectionWorks()
    {
        var net = new TestNetwork();
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port);
        net.Network.PartitionOneWay("server", "client");

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1.5));
        net.Network.RepairOneWay("server", "client");
        VirtualStream client = net.Scheduler.Pump(connect);
        VirtualStream server = net.Scheduler.Pump(listener.AcceptAsync());
        net.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        net.Scheduler.Pump(client.WriteAsync("hi"u8.ToArray()).AsTask());
        client.ShutdownWrite();

        net.ReadToEnd(server).ShouldBe("hi"u8.ToArray());
        net.EventsOf(NetworkEventKind.Accept).Count.ShouldBe(1);
        net.EventsOf(NetworkEventKind.Reset).ShouldBeEmpty();
    }
}
