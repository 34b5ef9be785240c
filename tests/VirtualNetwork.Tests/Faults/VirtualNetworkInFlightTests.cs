namespace SimLoop.Networking.Tests.Faults;

public sealed class VirtualNetworkInFlightTests
{
    [Fact]
    public void Hold_ArrivingMessagesWait_InFlightListsThemWithIdSizeAndKind()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        net.Network.Hold("client", "server");

        net.Scheduler.Pump(client.WriteAsync(new byte[10]).AsTask());
        net.Scheduler.Pump(client.WriteAsync(new byte[20]).AsTask());
        net.Scheduler.RunUntilIdle();

        IReadOnlyList<InFlightMessage> held = net.Network.InFlight("client", "server");
        held.Select(m => (m.Kind, m.Size, m.State)).ShouldBe([(MessageKind.Data, 10, InFlightState.Held), (MessageKind.Data, 20, InFlightState.Held)]);
        held[0].Id.ShouldBeLessThan(held[1].Id);
        server.ReadAsync(new byte[1]).IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Release_DeliversHeldMessagesInOrder()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        net.Network.Hold("client", "server");
        net.Scheduler.Pump(client.WriteAsync("ab"u8.ToArray()).AsTask());
        net.Scheduler.Pump(client.WriteAsync("cd"u8.ToArray()).AsTask());
        client.ShutdownWrite();
        net.Scheduler.RunUntilIdle();

        net.Network.Release("client", "server");

        net.ReadToEnd(server).ShouldBe("abcd"u8.ToArray());
        net.Network.InFlight("client", "server").ShouldBeEmpty();
        net.EventsOf(NetworkEventKind.Released).Count.ShouldBe(3);
    }

    [Fact]
    public void Deliver_OneHeldMessage_DeliversOnlyThatOne()
    {
        var net = new TestNetwork();
        using VirtualDatagramSocket receiver = HoldDatagrams(net, 1, 2);

        net.Network.Deliver(net.Network.InFlight("client", "server")[1].Id);

        net.Scheduler.Pump(receiver.ReceiveFromAsync()).Data.Length.ShouldBe(2);
        net.Network.InFlight("client", "server").Single().Size.ShouldBe(1);
    }

    [Fact]
    public void Drop_Datagram_IsGone()
    {
        var net = new TestNetwork();
        using VirtualDatagramSocket receiver = HoldDatagrams(net, 1);

        net.Network.Drop(net.Network.InFlight("client", "server")[0].Id);
        net.Network.Release("client", "server");
        net.Scheduler.RunUntilIdle();

        receiver.ReceiveFromAsync().IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Drop_StreamSegment_IsRetransmittedSoBytesStillArriveOnce()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        net.Network.Hold("client", "server");
        net.Scheduler.Pump(client.WriteAsync("xyz"u8.ToArray()).AsTask());
        net.Scheduler.RunUntilIdle();

        net.Network.Drop(net.Network.InFlight("client", "server")[0].Id);
        net.Network.Release("client", "server");
        client.ShutdownWrite();

        net.ReadToEnd(server).ShouldBe("xyz"u8.ToArray());
    }

    [Fact]
    public void Deliver_UnknownId_ThrowsArgumentExceptionNamingId()
    {
        var net = new TestNetwork();

        Should.Throw<ArgumentException>(() => net.Network.Deliver(12345)).ParamName.ShouldBe("id");
    }

    /// <summary>Holds the client-to-server link and sends datagrams of <paramref name="sizes"/> to a bound receiver.</summary>
    private static VirtualDatagramSocket HoldDatagrams(TestNetwork net, params int[] sizes)
    {
        VirtualDatagramSocket receiver = net.Network.Bind("server", 53);
        VirtualDatagramSocket sender = net.Network.Bind("client");
        net.Network.Hold("client", "server");
        foreach (int size in sizes)
        {
            net.Scheduler.Pump(sender.SendToAsync(new byte[size], receiver.LocalEndPoint));
        }

        net.Scheduler.RunUntilIdle();
        return receiver;
    }
}
