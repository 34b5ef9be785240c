namespace SimLoop.Networking.Tests.Links;

public sealed class VirtualNetworkLinksTests
{
    [Fact]
    public void SetLink_OneDirection_ChangesOnlyThatDirectionsLatency()
    {
        var net = new TestNetwork(TestNetwork.WithLink(TestNetwork.FixedLatency(1)));
        net.Network.SetLink("client", "server", TestNetwork.FixedLatency(50));
        using VirtualDatagramSocket client = net.Network.Bind("client", 1);
        using VirtualDatagramSocket server = net.Network.Bind("server", 2);

        net.Scheduler.Pump(server.SendToAsync(new byte[1], client.LocalEndPoint));
        net.Scheduler.Pump(client.ReceiveFromAsync());
        net.Scheduler.NowTicks.ShouldBe(TestNetwork.MsTicks(1));
        net.Scheduler.Pump(client.SendToAsync(new byte[1], server.LocalEndPoint));
        net.Scheduler.Pump(server.ReceiveFromAsync());

        net.Scheduler.NowTicks.ShouldBe(TestNetwork.MsTicks(51));
        net.Network.GetLink("server", "client").ShouldBe(TestNetwork.FixedLatency(1));
    }

    [Fact]
    public void SetLink_WhileRunning_AppliesToLaterMessagesAndIsRecorded()
    {
        var net = new TestNetwork(TestNetwork.WithLink(TestNetwork.FixedLatency(1)));
        var (client, server) = net.Connect();
        net.Network.SetLinkBothWays("client", "server", new LinkSettings { Latency = LatencyModel.Fixed(TestNetwork.Ms(100)) });
        long start = net.Scheduler.NowTicks;

        net.Scheduler.Pump(client.WriteAsync(new byte[1]).AsTask());
        net.Scheduler.Pump(server.ReadAsync(new byte[1]));

        net.Scheduler.NowTicks.ShouldBe(start + TestNetwork.MsTicks(100));
        net.EventsOf(NetworkEventKind.Fault).Count(e => e.Detail.StartsWith("link", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void SetLink_Null_GoesBackToTheDefault()
    {
        var net = new TestNetwork();
        net.Network.SetLink("client", "server", new LinkSettings { LossRate = 1 });

        net.Network.SetLink("client", "server", null);

        net.Network.GetLink("client", "server").ShouldBe(net.Network.DefaultLink);
    }

    [Fact]
    public void SetDefaultLink_InvalidSettings_ThrowsNamingSettings()
    {
        var net = new TestNetwork();

        var e = Should.Throw<ArgumentException>(() => net.Network.SetDefaultLink(new LinkSettings { BandwidthBytesPerSecond = -1, LossRate = 2 }));

        e.ParamName.ShouldBe("settings");
        e.Message.ShouldContain("settings.BandwidthBytesPerSecond cannot be negative");
        e.Message.ShouldContain("settings.LossRate must be a probability");
    }

    [Fact]
    public void SetLink_FromAHostToItself_ThrowsArgumentException()
    {
        var net = new TestNetwork();

        var e = Should.Throw<ArgumentException>(() => net.Network.SetLink("client", "CLIENT", LinkSettings.Default));

        e.ParamName.ShouldBe("to");
        e.Message.ShouldContain("a link joins two different hosts");
        Should.Throw<ArgumentException>(() => net.Network.SetLinkBothWays("server", "server", null)).ParamName.ShouldBe("to");
    }

    [Fact]
    public void HoldAndRelease_FromAHostToItself_ThrowArgumentException()
    {
        var net = new TestNetwork();

        Should.Throw<ArgumentException>(() => net.Network.Hold("client", "client")).ParamName.ShouldBe("to");
        Should.Throw<ArgumentException>(() => net.Network.Release("client", "client")).ParamName.ShouldBe("to");
    }

    [Fact]
    public void Partition_AHostOnBothSides_ThrowsArgumentExceptionAndChangesNothing()
    {
        var net = new TestNetwork();

        var e = Should.Throw<ArgumentException>(() => net.Network.Partition(["client", "server"], ["server"]));

        e.ParamName.ShouldBe("b");
        e.Message.ShouldContain("'server' is on both sides");
        net.Network.IsPartitioned("client", "server").ShouldBeFalse();
        Should.Throw<ArgumentException>(() => net.Network.PartitionOneWay("client", "client")).ParamName.ShouldBe("to");
        Should.Throw<ArgumentException>(() => net.Network.Repair(["client"], ["client"])).ParamName.ShouldBe("b");
    }

    [Fact]
    public void Partition_ThenRepair_IsPartitionedReflectsIt()
    {
        var net = new TestNetwork();

        net.Network.Partition(["client"], ["server"]);
        net.Network.IsPartitioned("server", "client").ShouldBeTrue();
        net.Network.Repair(["client"], ["server"]);

        net.Network.IsPartitioned("client", "server").ShouldBeFalse();
        net.Network.IsPartitioned("server", "client").ShouldBeFalse();
    }
}
