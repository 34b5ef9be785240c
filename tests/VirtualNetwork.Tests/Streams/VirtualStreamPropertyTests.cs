using FsCheck;
using FsCheck.Fluent;

namespace SimLoop.Networking.Tests.Streams;

public sealed class VirtualStreamPropertyTests
{
    [Fact]
    public void Stream_AnyWritesAndLinkSettings_DeliversAllBytesInOrderThenEndOfStream()
    {
        Gen<int> writeSize = Gen.Frequency(
            (1, Gen.Constant(0)),
            (3, Gen.Choose(1, 200)),
            (2, Gen.Choose(200, 6000)));
        Gen<StreamScenario> scenarios =
            from writes in Gen.ListOf(writeSize)
            from mtu in Gen.Choose(16, 1600)
            from minLatency in Gen.Choose(0, 20)
            from extraLatency in Gen.Choose(0, 20)
            from shape in Gen.Elements(LatencyShape.Fixed, LatencyShape.Uniform, LatencyShape.Exponential)
            from bandwidth in Gen.Elements(0L, 20_000L, 1_000_000L)
            from loss in Gen.Elements(0.0, 0.05, 0.3)
            from receiveBuffer in Gen.Choose(64, 70_000)
            from sendBuffer in Gen.Choose(64, 70_000)
            from seed in Gen.Choose(0, int.MaxValue)
            select new StreamScenario([.. writes], mtu, minLatency, extraLatency, shape, bandwidth, loss, receiveBuffer, sendBuffer, (ulong)seed);

        int cases = 0;
        // Seeded so the suite is reproducible; this seed once found a connection reset by a repeated SYN-ACK.
        Config config = Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(new Replay(new Rnd(10008932365050767724UL, 15743499975314356433UL), null));
        Check.One(config, Prop.ForAll(Arb.From(scenarios), scenario =>
        {
            cases++;
            (byte[] written, byte[] read) = Run(scenario);
            return read.AsSpan().SequenceEqual(written);
        }));

        cases.ShouldBeGreaterThanOrEqualTo(200);
    }

    private static (byte[] Written, byte[] Read) Run(StreamScenario s)
    {
        var options = new VirtualNetworkOptions
        {
            Mtu = s.Mtu,
            SendBufferSize = s.SendBuffer,
            ReceiveBufferSize = s.ReceiveBuffer,
            DefaultLink = new LinkSettings { Latency = s.Latency, BandwidthBytesPerSecond = s.Bandwidth, LossRate = s.Loss },
        };
        var net = new TestNetwork(options, s.Seed);
        var (client, server) = net.Connect();
        List<byte[]> chunks = [.. s.Writes.Select((size, w) => Enumerable.Range(0, size).Select(i => (byte)((i * 31) + w)).ToArray())];

        Task write = WriteAll(client, chunks);
        Task<byte[]> read = ReadAll(server);
        net.Scheduler.Pump(Task.WhenAll(write, read));
        return ([.. chunks.SelectMany(c => c)], read.Result);
    }

    private static async Task WriteAll(VirtualStream stream, List<byte[]> chunks)
    {
        foreach (byte[] chunk in chunks)
        {
            await stream.WriteAsync(chunk);
        }

        stream.ShutdownWrite();
    }

    private static async Task<byte[]> ReadAll(VirtualStream stream)
    {
        var all = new List<byte>();
        byte[] buffer = new byte[1000];
        int count;
        while ((count = await stream.ReadAsync(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, count).ToArray());
        }

        return [.. all];
    }

    private sealed record StreamScenario(
        int[] Writes, int Mtu, int MinLatencyMs, int ExtraLatencyMs, LatencyShape Shape, long Bandwidth, double Loss,
        int ReceiveBuffer, int SendBuffer, ulong Seed)
    {
        public LatencyModel Latency => Shape switch
        {
            LatencyShape.Uniform => LatencyModel.Uniform(TimeSpan.FromMilliseconds(MinLatencyMs), TimeSpan.FromMilliseconds(MinLatencyMs + ExtraLatencyMs)),
            LatencyShape.Exponential => LatencyModel.Exponential(TimeSpan.FromMilliseconds(MinLatencyMs), TimeSpan.FromMilliseconds(MinLatencyMs + ExtraLatencyMs)),
            _ => LatencyModel.Fixed(TimeSpan.FromMilliseconds(MinLatencyMs)),
        };

        public override string ToString() =>
            $"writes=[{string.Join(",", Writes)}] mtu={Mtu} latency={Shape}({MinLatencyMs}+{ExtraLatencyMs}ms) bandwidth={Bandwidth} loss={Loss} rcvbuf={ReceiveBuffer} sndbuf={SendBuffer} seed={Seed}";
    }
}
