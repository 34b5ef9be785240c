namespace SimLoop.Networking.Tests.Simulation;

/// <summary>A scheduler that keeps message events as their parts (as SimLoop's trace does) sees the same events as one that takes them built.</summary>
public sealed class DeferredNetworkEventTests
{
    [Fact]
    public void DeferredEvents_BuiltWhenRead_EqualTheEventsRecordedAtOnce()
    {
        var link = new LinkSettings { Latency = LatencyModel.Fixed(TestNetwork.Ms(2)), LossRate = 0.3, DuplicationRate = 0.2 };
        List<NetworkEvent> direct = Run(deferring: false, link);
        List<NetworkEvent> deferred = Run(deferring: true, link);

        direct.ShouldContain(e => e.MessageId != 0 && e.Kind == NetworkEventKind.Delivered);
        direct.ShouldContain(e => e.MessageId != 0 && e.Kind == NetworkEventKind.Dropped);
        deferred.ShouldBe(direct);
    }

    private static List<NetworkEvent> Run(bool deferring, LinkSettings link)
    {
        var manual = new ManualNetworkScheduler(seed: 7);
        var recorder = new Recorder(manual);
        var network = new VirtualNetwork(deferring ? recorder : new PlainScheduler(recorder), TestNetwork.WithLink(link));
        network.AddHost("client");
        VirtualHost server = network.AddHost("server");
        VirtualListener listener = network.Listen("server", TestNetwork.Port);
        ValueTask<VirtualStream> accept = listener.AcceptAsync();
        VirtualStream client = manual.Pump(network.ConnectAsync("client", new System.Net.IPEndPoint(server.Addresses[0], TestNetwork.Port)));
        VirtualStream serverEnd = manual.Pump(accept);
        byte[] payload = new byte[3000];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)i;
        }

        manual.Pump(client.WriteAsync(payload).AsTask());
        payload.AsSpan().Clear(); // the sender's buffer changes after the write: recorded events must not
        byte[] buffer = new byte[4096];
        int got = 0;
        while (got < 3000)
        {
            got += manual.Pump(serverEnd.ReadAsync(buffer).AsTask());
        }

        client.Dispose();
        manual.RunUntilIdle();
        return recorder.Built();
    }

    /// <summary>Records deferred events as their parts and builds them only when asked.</summary>
    private sealed class Recorder(ManualNetworkScheduler inner) : INetworkScheduler, IDeferredNetworkRecording
    {
        private readonly List<object> _events = [];

        public long NowTicks => inner.NowTicks;

        public IScheduledCallback ScheduleAt(long atTicks, Action<object?> callback, object? state) => inner.ScheduleAt(atTicks, callback, state);

        public Random GetRandom(string concern) => inner.GetRandom(concern);

        public void Record(NetworkEvent networkEvent) => _events.Add(networkEvent);

        public void Record(DeferredNetworkEvent networkEvent) => _events.Add(networkEvent);

        public List<NetworkEvent> Built() => [.. _events.Select(e => e is DeferredNetworkEvent d ? d.Build() : (NetworkEvent)e)];
    }

    /// <summary>The same recorder seen only as a plain scheduler: the network builds every event at once.</summary>
    private sealed class PlainScheduler(Recorder recorder) : INetworkScheduler
    {
        public long NowTicks => recorder.NowTicks;

        public IScheduledCallback ScheduleAt(long atTicks, Action<object?> callback, object? state) => recorder.ScheduleAt(atTicks, callback, state);

        public Random GetRandom(string concern) => recorder.GetRandom(concern);

        public void Record(NetworkEvent networkEvent) => recorder.Record(networkEvent);
    }
}
