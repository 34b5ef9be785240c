namespace SimLoop.Networking.Tests.Simulation;

public sealed class DeterminismTests
{
    [Fact]
    public void SameSeedAndProgram_RecordIdenticalNetworkEvents()
    {
        List<NetworkEvent> first = RunProgram(seed: 42);
        List<NetworkEvent> second = RunProgram(seed: 42);

        first.Count.ShouldBeGreaterThan(50);
        second.ShouldBe(first);
    }

    [Fact]
    public void DifferentSeeds_RecordDifferentNetworkEvents()
    {
        RunProgram(seed: 42).ShouldNotBe(RunProgram(seed: 43));
    }

    /// <summary>Streams and datagrams over a lossy, jittery link with a partition and a clog along the way.</summary>
    private static List<NetworkEvent> RunProgram(ulong seed)
    {
        var link = new LinkSettings
        {
            Latency = LatencyModel.Exponential(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(30)),
            LossRate = 0.2,
            DuplicationRate = 0.2,
            ReorderRate = 0.3,
            BandwidthBytesPerSecond = 100_000,
        };
        var net = new TestNetwork(TestNetwork.WithLink(link, new VirtualNetworkOptions { Mtu = 300 }), seed);
        var (client, server) = net.Connect();
        using VirtualDatagramSocket udpServer = net.Network.Bind("server", 53);
        using VirtualDatagramSocket udpClient = net.Network.Bind("client");

        Task write = client.WriteAsync(new byte[5000]).AsTask();
        for (int i = 0; i < 20; i++)
        {
            _ = udpClient.SendToAsync(new byte[i + 1], udpServer.LocalEndPoint);
        }

        net.Scheduler.RunFor(TimeSpan.FromMilliseconds(20));
        net.Network.Partition(["client"], ["server"]);
        net.Scheduler.RunFor(TimeSpan.FromMilliseconds(500));
        net.Network.RepairAll();
        net.Network.Clog("server", TimeSpan.FromMilliseconds(100));
        net.Scheduler.Pump(write);
        client.ShutdownWrite();
        net.ReadToEnd(server).Length.ShouldBe(5000);
        net.Scheduler.RunUntilIdle();
        return net.Scheduler.Events;
    }
}
