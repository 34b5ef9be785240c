namespace SimLoop.Networking.Tests.Time;

/// <summary>Every TimeSpan the network takes works as "never" or "forever" when huge; nothing wraps around (issue 11, item 6).</summary>
public sealed class OverflowSafeTimeTests
{
    private static readonly long s_oneDay = TimeSpan.FromDays(1).Ticks;

    [Fact]
    public void RetransmissionTimeouts_MaxValue_LostSegmentIsNeverRetransmittedAndNeverTimesOut()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { RetransmissionTimeout = TimeSpan.MaxValue, MaxRetransmissionTimeout = TimeSpan.MaxValue });
        var (client, _) = net.Connect();
        net.Network.Partition(["client"], ["server"]);
        Task<int> read = client.ReadAsync(new byte[1]).AsTask();

        net.Scheduler.Pump(client.WriteAsync(new byte[10]).AsTask());
        net.Scheduler.RunUntil(s_oneDay);

        net.Scheduler.Events.Count(e => e.Kind == NetworkEventKind.Sent && e.Detail.Contains("retry=", StringComparison.Ordinal)).ShouldBe(0);
        read.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Clog_ForMaxValue_StaysClogged()
    {
        var net = new TestNetwork();
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        net.Network.Clog("server", TimeSpan.MaxValue);
        net.Scheduler.RunUntil(s_oneDay);

        net.Server.IsClogged.ShouldBeTrue();
    }

    [Fact]
    public void Clog_ForInfiniteTimeSpan_StaysCloggedUntilUnclog()
    {
        var net = new TestNetwork();

        net.Network.Clog("server", Timeout.InfiniteTimeSpan);
        net.Scheduler.RunUntil(s_oneDay);
        net.Server.IsClogged.ShouldBeTrue();
        net.Network.Unclog("server");

        net.Server.IsClogged.ShouldBeFalse();
    }

    [Fact]
    public void ConnectTimeout_MaxValue_NeverFires()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { ConnectTimeout = TimeSpan.MaxValue, MaxSynRetransmissions = null });
        net.Network.Listen("server", TestNetwork.Port);
        net.Network.Partition(["client"], ["server"]);
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunUntil(s_oneDay);

        connect.IsCompleted.ShouldBeFalse();
        net.Network.RepairAll();
        net.Scheduler.Pump(connect).ShouldNotBeNull();
    }

    [Fact]
    public void Latency_MaxValue_MessageTravelsForeverAndCanStillBeDelivered()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        net.Network.SetLink("client", "server", new LinkSettings { Latency = LatencyModel.Fixed(TimeSpan.MaxValue) });
        Task<int> read = server.ReadAsync(new byte[4]).AsTask();

        net.Scheduler.Pump(client.WriteAsync("ping"u8.ToArray()).AsTask());
        net.Scheduler.RunUntil(s_oneDay);
        read.IsCompleted.ShouldBeFalse();
        InFlightMessage message = net.Network.InFlight("client", "server").ShouldHaveSingleItem();
        net.Network.Deliver(message.Id);

        net.Scheduler.Pump(read).ShouldBe(4);
    }

    [Fact]
    public void Latency_UniformUpToMaxValue_SendsWithoutThrowing()
    {
        var net = new TestNetwork();
        net.Network.SetDefaultLink(new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.Zero, TimeSpan.MaxValue) });
        VirtualDatagramSocket socket = net.Network.Bind("client");

        Should.NotThrow(() => socket.SendToAsync(new byte[1], net.ServerEndPoint).AsTask());
    }

    [Fact]
    public void ReorderDelay_MaxValue_SendsWithoutThrowing()
    {
        var net = new TestNetwork();
        net.Network.SetDefaultLink(new LinkSettings { ReorderRate = 1, ReorderDelay = TimeSpan.MaxValue });
        VirtualDatagramSocket socket = net.Network.Bind("client");

        Should.NotThrow(() => socket.SendToAsync(new byte[1], net.ServerEndPoint).AsTask());
    }

    [Fact]
    public void SwizzleClog_MaxValueInterval_PlansStepsWithoutWrappingAround()
    {
        var net = new TestNetwork();
        net.Network.AddHost("third");
        net.Network.AddHost("fourth");
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        IReadOnlyList<SwizzleClogStep> steps = net.Network.SwizzleClog(TimeSpan.MaxValue);
        net.Scheduler.RunUntil(s_oneDay);

        steps.Select(s => s.AtTicks).ShouldBeInOrder();
        steps.ShouldAllBe(s => s.AtTicks > TimeSpan.FromSeconds(1).Ticks);
    }

    [Fact]
    public void Clog_ZeroDuration_ThrowsNamingDuration()
    {
        var net = new TestNetwork();

        Should.Throw<ArgumentOutOfRangeException>(() => net.Network.Clog("server", TimeSpan.Zero)).ParamName.ShouldBe("duration");
    }

    [Fact]
    public void PersistTimer_RetransmissionTimeoutMaxValue_WriterWaitsWithoutProbingStorm()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { RetransmissionTimeout = TimeSpan.MaxValue, MaxRetransmissionTimeout = TimeSpan.MaxValue, SendBufferSize = 100, ReceiveBufferSize = 100 });
        var (client, _) = net.Connect();

        Task write = client.WriteAsync(new byte[1000]).AsTask();
        net.Scheduler.RunUntilIdle();

        write.IsCompleted.ShouldBeFalse();
        net.EventsOf(NetworkEventKind.Sent).ShouldNotContain(e => e.Detail.StartsWith("WindowProbe", StringComparison.Ordinal));
    }
}
