using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Datagrams;

public sealed class VirtualDatagramSocketTests
{
    [Fact]
    public void SendToAsync_BoundReceiver_DeliversPayloadAndSender()
    {
        var net = new TestNetwork(TestNetwork.WithLink(TestNetwork.FixedLatency(3)));
        using VirtualDatagramSocket receiver = net.Network.Bind("server", 53);
        using VirtualDatagramSocket sender = net.Network.Bind("client");

        net.Scheduler.Pump(sender.SendToAsync("ping"u8.ToArray(), receiver.LocalEndPoint)).ShouldBe(4);
        VirtualDatagram datagram = net.Scheduler.Pump(receiver.ReceiveFromAsync());

        datagram.Data.ToArray().ShouldBe("ping"u8.ToArray());
        datagram.RemoteEndPoint.ShouldBe(sender.LocalEndPoint);
        sender.LocalEndPoint.Port.ShouldBe(49152);
        net.Scheduler.NowTicks.ShouldBe(TestNetwork.MsTicks(3));
    }

    [Fact]
    public void SendToAsync_TooBig_FailsWithMessageSize()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { MaxDatagramSize = 100 });
        using VirtualDatagramSocket sender = net.Network.Bind("client");

        Task<int> send = sender.SendToAsync(new byte[101], new IPEndPoint(net.Server.Addresses[0], 53)).AsTask();

        SocketAssert.FailsWithSocketError(send, SocketError.MessageSize);
    }

    [Fact]
    public void SendToAsync_NobodyBound_IsSilentlyDroppedAndRecorded()
    {
        var net = new TestNetwork();
        using VirtualDatagramSocket sender = net.Network.Bind("client");

        net.Scheduler.Pump(sender.SendToAsync(new byte[5], new IPEndPoint(net.Server.Addresses[0], 9999))).ShouldBe(5);
        net.Scheduler.RunUntilIdle();

        net.Scheduler.Events.ShouldContain(e => e.Kind == NetworkEventKind.Dropped && e.Detail.Contains("no socket bound", StringComparison.Ordinal));
    }

    [Fact]
    public void Dispose_PendingReceiveFailsWithOperationAborted()
    {
        var net = new TestNetwork();
        VirtualDatagramSocket socket = net.Network.Bind("server", 53);
        Task<VirtualDatagram> receive = socket.ReceiveFromAsync().AsTask();

        socket.Dispose();
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithSocketError(receive, SocketError.OperationAborted);
    }

    [Fact]
    public void Bind_PortInUse_ThrowsAddressAlreadyInUse()
    {
        var net = new TestNetwork();
        using VirtualDatagramSocket first = net.Network.Bind("server", 53);

        Should.Throw<SocketException>(() => net.Network.Bind("server", 53)).SocketErrorCode.ShouldBe(SocketError.AddressAlreadyInUse);
    }

    [Fact]
    public void SendToAsync_WithLossRate_LosesAboutThatFractionOverManySeeds()
    {
        double observed = DeliveredFraction(new LinkSettings { LossRate = 0.3 }, seeds: 20, datagramsPerSeed: 200);

        observed.ShouldBe(0.7, tolerance: 0.03);
    }

    [Fact]
    public void SendToAsync_WithDuplicationRate_DuplicatesAboutThatFractionOverManySeeds()
    {
        double observed = DeliveredFraction(new LinkSettings { DuplicationRate = 0.2 }, seeds: 20, datagramsPerSeed: 200);

        observed.ShouldBe(1.2, tolerance: 0.03);
    }

    [Fact]
    public void SendToAsync_WithReorderRate_SomeDatagramsOvertakeOthers()
    {
        var link = new LinkSettings { ReorderRate = 0.5, ReorderDelay = TestNetwork.Ms(20) };
        var net = new TestNetwork(TestNetwork.WithLink(link));
        using VirtualDatagramSocket receiver = net.Network.Bind("server", 53);
        using VirtualDatagramSocket sender = net.Network.Bind("client");

        for (byte i = 0; i < 50; i++)
        {
            net.Scheduler.Pump(sender.SendToAsync(new[] { i }, receiver.LocalEndPoint));
            net.Scheduler.RunFor(TestNetwork.Ms(1));
        }

        net.Scheduler.RunUntilIdle();
        List<byte> order = [.. Enumerable.Range(0, 50).Select(_ => net.Scheduler.Pump(receiver.ReceiveFromAsync()).Data.Span[0])];
        order.Order().ShouldBe(Enumerable.Range(0, 50).Select(i => (byte)i));
        order.ShouldNotBe(order.Order().ToList());
    }

    [Fact]
    public void SendToAsync_OneWayPartition_BlocksOnlyThatDirection()
    {
        var net = new TestNetwork();
        using VirtualDatagramSocket client = net.Network.Bind("client", 1);
        using VirtualDatagramSocket server = net.Network.Bind("server", 2);
        net.Network.PartitionOneWay("client", "server");

        net.Scheduler.Pump(client.SendToAsync(new byte[1], server.LocalEndPoint));
        net.Scheduler.Pump(server.SendToAsync(new byte[2], client.LocalEndPoint));
        net.Scheduler.RunUntilIdle();

        net.Scheduler.Pump(client.ReceiveFromAsync()).Data.Length.ShouldBe(2);
        server.ReceiveFromAsync().IsCompleted.ShouldBeFalse();
    }

    private static double DeliveredFraction(LinkSettings link, int seeds, int datagramsPerSeed)
    {
        int delivered = 0;
        for (ulong seed = 1; seed <= (ulong)seeds; seed++)
        {
            var net = new TestNetwork(TestNetwork.WithLink(link), seed);
            using VirtualDatagramSocket receiver = net.Network.Bind("server", 53);
            using VirtualDatagramSocket sender = net.Network.Bind("client");
            for (int i = 0; i < datagramsPerSeed; i++)
            {
                _ = sender.SendToAsync(new byte[8], receiver.LocalEndPoint);
            }

            net.Scheduler.RunUntilIdle();
            delivered += net.EventsOf(NetworkEventKind.Delivered).Count;
        }

        return delivered / (double)(seeds * datagramsPerSeed);
    }
}
