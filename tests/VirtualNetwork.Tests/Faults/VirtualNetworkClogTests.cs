namespace SimLoop.Networking.Tests.Faults;

public sealed class VirtualNetworkClogTests
{
    [Fact]
    public void Clog_MessagesToCloggedHostWaitUntilUnclog()
    {
        var net = new TestNetwork();
        using VirtualDatagramSocket receiver = net.Network.Bind("server", 53);
        using VirtualDatagramSocket sender = net.Network.Bind("client");
        net.Network.Clog("server");

        net.Scheduler.Pump(sender.SendToAsync(new byte[3], receiver.LocalEndPoint));
        net.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        Task<VirtualDatagram> receive = receiver.ReceiveFromAsync().AsTask();
        receive.IsCompleted.ShouldBeFalse();
        net.Network.InFlight("client", "server").Single().State.ShouldBe(InFlightState.Clogged);

        net.Network.Unclog("server");

        net.Scheduler.Pump(receive).Data.Length.ShouldBe(3);
    }

    [Fact]
    public void Clog_OutgoingMessagesOfCloggedHostAlsoWait()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        net.Network.Clog("client");

        net.Scheduler.Pump(client.WriteAsync(new byte[4]).AsTask());
        net.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        Task<int> read = server.ReadAsync(new byte[8]).AsTask();
        read.IsCompleted.ShouldBeFalse();
        net.Network.Unclog("client");

        net.Scheduler.Pump(read).ShouldBe(4);
    }

    [Fact]
    public void Clog_WithDuration_UnclogsByItself()
    {
        var net = new TestNetwork(TestNetwork.WithLink(TestNetwork.FixedLatency(1)));
        var (client, server) = net.Connect();
        long start = net.Scheduler.NowTicks;
        net.Network.Clog("server", TimeSpan.FromSeconds(2));

        net.Scheduler.Pump(client.WriteAsync(new byte[4]).AsTask());
        net.Scheduler.Pump(server.ReadAsync(new byte[8])).ShouldBe(4);

        net.Scheduler.NowTicks.ShouldBe(start + TimeSpan.FromSeconds(2).Ticks);
        net.Network.GetHost("server").IsClogged.ShouldBeFalse();
    }

    [Fact]
    public void SwizzleClog_ClogsASubsetOneByOneThenUnclogsAllInAnotherOrder()
    {
        var net = new TestNetwork();
        foreach (string name in new[] { "a", "b", "c", "d", "e", "f" })
        {
            net.Network.AddHost(name);
        }

        IReadOnlyList<SwizzleClogStep> steps = net.Network.SwizzleClog(TimeSpan.FromSeconds(1));

        List<string> clogged = [.. steps.Where(s => s.Clog).Select(s => s.Host)];
        clogged.ShouldNotBeEmpty();
        steps.Where(s => !s.Clog).Select(s => s.Host).Order().ShouldBe(clogged.Order());
        steps.Select(s => s.AtTicks).ShouldBeInOrder();
        net.Scheduler.RunUntil(steps.Where(s => s.Clog).Max(s => s.AtTicks));
        clogged.ShouldAllBe(name => net.Network.GetHost(name).IsClogged);
        net.Scheduler.RunUntilIdle();
        net.Network.Hosts.ShouldAllBe(h => !h.IsClogged);
    }

    [Fact]
    public void SwizzleClog_SameSeed_SamePlan()
    {
        static IReadOnlyList<SwizzleClogStep> Plan(ulong seed)
        {
            var net = new TestNetwork(seed: seed);
            net.Network.AddHost("a");
            net.Network.AddHost("b");
            net.Network.AddHost("c");
            return net.Network.SwizzleClog(TimeSpan.FromSeconds(1));
        }

        Plan(7).ShouldBe(Plan(7));
        Enumerable.Range(1, 10).Select(s => string.Join(",", Plan((ulong)s))).Distinct().Count().ShouldBeGreaterThan(1);
    }
}
