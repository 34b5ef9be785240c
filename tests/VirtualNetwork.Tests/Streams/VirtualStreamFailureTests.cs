using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Streams;

public sealed class VirtualStreamFailureTests
{
    [Fact]
    public void Abort_PeerPendingReadFailsWithConnectionReset()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        Task<int> read = server.ReadAsync(new byte[8]).AsTask();

        client.Abort();
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithIOError(read, SocketError.ConnectionReset);
    }

    [Fact]
    public void Abort_PeerNextWriteFailsWithConnectionReset()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();

        client.Abort();
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithIOError(server.WriteAsync(new byte[1]).AsTask(), SocketError.ConnectionReset);
        SocketAssert.FailsWithIOError(server.ReadAsync(new byte[1]).AsTask(), SocketError.ConnectionReset);
        net.Scheduler.Events.ShouldContain(e => e.Kind == NetworkEventKind.Reset && e.From == "server");
    }

    [Fact]
    public void Dispose_PendingReadFailsWithOperationAborted()
    {
        var net = new TestNetwork();
        var (client, _) = net.Connect();
        Task<int> read = client.ReadAsync(new byte[8]).AsTask();

        client.Dispose();
        read.IsCompleted.ShouldBeFalse();
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithIOError(read, SocketError.OperationAborted);
    }

    [Fact]
    public void Dispose_PeerReadsEndOfStreamAfterPendingData()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();

        net.Scheduler.Pump(client.WriteAsync("bye"u8.ToArray()).AsTask());
        client.Dispose();

        net.ReadToEnd(server).ShouldBe("bye"u8.ToArray());
    }

    [Fact]
    public void WriteAsync_ToPeerThatClosed_IsAnsweredWithReset()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        server.Dispose();
        net.Scheduler.RunUntilIdle();

        net.Scheduler.Pump(client.WriteAsync(new byte[10]).AsTask());
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithIOError(client.WriteAsync(new byte[10]).AsTask(), SocketError.ConnectionReset);
    }

    [Fact]
    public void WriteAsync_PermanentPartition_FailsWithTimedOutAfterRetransmissions()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { MaxRetransmissions = 3 });
        var (client, _) = net.Connect();
        net.Network.Partition(["client"], ["server"]);
        Task<int> read = client.ReadAsync(new byte[1]).AsTask();

        net.Scheduler.Pump(client.WriteAsync(new byte[10]).AsTask());
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithIOError(read, SocketError.TimedOut);
        net.Scheduler.Events.Count(e => e.Kind == NetworkEventKind.Sent && e.Detail.Contains("retry=", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public void WriteAsync_DuringPartition_IsRetransmittedAndDeliveredAfterRepair()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        net.Network.Partition(["client"], ["server"]);

        net.Scheduler.Pump(client.WriteAsync("late"u8.ToArray()).AsTask());
        net.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        net.Network.Repair(["client"], ["server"]);
        client.ShutdownWrite();

        net.ReadToEnd(server).ShouldBe("late"u8.ToArray());
    }

    [Fact]
    public void Connect_FromCrashedHost_FailsWithNetworkDown()
    {
        var net = new TestNetwork();
        net.Network.Crash("client");

        SocketAssert.FailsWithSocketError(net.Network.ConnectAsync("client", net.ServerEndPoint), SocketError.NetworkDown);
        Should.Throw<SocketException>(() => net.Network.Listen("client", 1)).SocketErrorCode.ShouldBe(SocketError.NetworkDown);
    }

    [Fact]
    public void Listen_PortInUse_ThrowsAddressAlreadyInUse()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port);

        Should.Throw<SocketException>(() => net.Network.Listen("server", TestNetwork.Port)).SocketErrorCode.ShouldBe(SocketError.AddressAlreadyInUse);
    }
}
