using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Streams;

public sealed class VirtualStreamTests
{
    [Fact]
    public void WriteAsync_ThenPeerReads_GetsTheBytesAfterLatency()
    {
        var net = new TestNetwork(TestNetwork.WithLink(TestNetwork.FixedLatency(5)));
        var (client, server) = net.Connect();
        long sentAt = net.Scheduler.NowTicks;

        net.Scheduler.Pump(client.WriteAsync("hello"u8.ToArray()).AsTask());
        byte[] buffer = new byte[16];
        int count = net.Scheduler.Pump(server.ReadAsync(buffer));

        buffer.AsSpan(0, count).ToArray().ShouldBe("hello"u8.ToArray());
        net.Scheduler.NowTicks.ShouldBe(sentAt + TestNetwork.MsTicks(5));
    }

    [Fact]
    public void WriteAsync_LargerThanMtu_SplitsIntoMtuSizedSegments()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { Mtu = 100 });
        var (client, server) = net.Connect();

        net.Scheduler.Pump(client.WriteAsync(new byte[250]).AsTask());
        client.ShutdownWrite();
        net.ReadToEnd(server).Length.ShouldBe(250);

        net.EventsOf(NetworkEventKind.Sent).Where(e => e.Detail.StartsWith("Data", StringComparison.Ordinal))
            .Select(e => e.Detail[(e.Detail.IndexOf("len=", StringComparison.Ordinal) + 4)..])
            .ShouldBe(["100", "100", "50"]);
    }

    [Fact]
    public void WriteAsync_WithBandwidth_AddsSerialisationDelayQueuedBehindEarlierSegments()
    {
        var link = new LinkSettings { Latency = LatencyModel.Fixed(TestNetwork.Ms(10)), BandwidthBytesPerSecond = 1000 };
        var net = new TestNetwork(TestNetwork.WithLink(link, new VirtualNetworkOptions { Mtu = 100 }));
        var (client, server) = net.Connect();
        long start = net.Scheduler.NowTicks;

        net.Scheduler.Pump(client.WriteAsync(new byte[200]).AsTask());
        client.ShutdownWrite();
        net.ReadToEnd(server);

        // Two 100-byte segments at 1000 B/s: the second finishes serialising at 200 ms, arrives 10 ms later.
        net.Scheduler.NowTicks.ShouldBe(start + TestNetwork.MsTicks(210));
    }

    [Fact]
    public void ReadAsync_ZeroByteBuffer_WaitsForDataThenReturnsZeroWithoutConsuming()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();

        ValueTask<int> zeroRead = server.ReadAsync(Memory<byte>.Empty);
        zeroRead.IsCompleted.ShouldBeFalse();
        net.Scheduler.Pump(client.WriteAsync("abc"u8.ToArray()).AsTask());

        net.Scheduler.Pump(zeroRead).ShouldBe(0);
        byte[] buffer = new byte[8];
        net.Scheduler.Pump(server.ReadAsync(buffer)).ShouldBe(3);
    }

    [Fact]
    public void ReadAsync_Cancelled_ThrowsOperationCanceledAndStreamStaysUsable()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();
        using var cts = new CancellationTokenSource();

        Task<int> read = server.ReadAsync(new byte[8], cts.Token).AsTask();
        cts.Cancel();
        net.Scheduler.RunUntilIdle();

        read.IsCanceled.ShouldBeTrue();
        net.Scheduler.Pump(client.WriteAsync("x"u8.ToArray()).AsTask());
        net.Scheduler.Pump(server.ReadAsync(new byte[8])).ShouldBe(1);
    }

    [Fact]
    public void ReadAsync_WhileAnotherReadPending_ThrowsInvalidOperation()
    {
        var net = new TestNetwork();
        var (_, server) = net.Connect();

        _ = server.ReadAsync(new byte[8]);

        Should.Throw<InvalidOperationException>(() => server.ReadAsync(new byte[8]));
    }

    [Fact]
    public void ShutdownWrite_PeerReadsEverythingThenEndOfStream_AndCanStillSend()
    {
        var net = new TestNetwork();
        var (client, server) = net.Connect();

        net.Scheduler.Pump(client.WriteAsync("request"u8.ToArray()).AsTask());
        client.ShutdownWrite();
        net.ReadToEnd(server).ShouldBe("request"u8.ToArray());
        net.Scheduler.Pump(server.WriteAsync("reply"u8.ToArray()).AsTask());
        server.ShutdownWrite();

        net.ReadToEnd(client).ShouldBe("reply"u8.ToArray());
        net.EventsOf(NetworkEventKind.Shutdown).Count.ShouldBe(2);
    }

    [Fact]
    public void WriteAsync_AfterShutdownWrite_FailsWithShutdown()
    {
        var net = new TestNetwork();
        var (client, _) = net.Connect();
        client.ShutdownWrite();

        Task write = client.WriteAsync(new byte[1]).AsTask();

        SocketAssert.FailsWithIOError(write, SocketError.Shutdown);
    }

    [Fact]
    public void WriteAsync_PeerNotReading_DoesNotCompleteUntilPeerReads()
    {
        var options = new VirtualNetworkOptions { SendBufferSize = 1000, ReceiveBufferSize = 1000 };
        var net = new TestNetwork(options);
        var (client, server) = net.Connect();

        Task write = client.WriteAsync(new byte[5000]).AsTask();
        net.Scheduler.RunFor(TimeSpan.FromMinutes(10)); // a live peer answers the zero-window probes: never idle
        write.IsCompleted.ShouldBeFalse();

        byte[] all = net.ReadToEndAfter(server, write, 5000);
        all.Length.ShouldBe(5000);
        write.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public void WriteAsync_PeerNotReading_SenderHasAtMostReceiveWindowUnread()
    {
        var options = new VirtualNetworkOptions { SendBufferSize = 1000, ReceiveBufferSize = 3000, Mtu = 500 };
        var net = new TestNetwork(options);
        var (client, _) = net.Connect();

        _ = client.WriteAsync(new byte[10_000]);
        net.Scheduler.RunFor(TimeSpan.FromMinutes(10)); // a live peer answers the zero-window probes: never idle

        long dataSent = net.EventsOf(NetworkEventKind.Sent).Count(e => e.Detail.StartsWith("Data", StringComparison.Ordinal)) * 500L;
        dataSent.ShouldBe(3000);
    }

    [Fact]
    public void SynchronousReadAndWrite_ThrowNotSupportedSayingToUseAsync()
    {
        var net = new TestNetwork();
        var (client, _) = net.Connect();

        Should.Throw<NotSupportedException>(() => client.Read(new byte[1], 0, 1)).Message.ShouldContain("ReadAsync");
        Should.Throw<NotSupportedException>(() => client.Write(new byte[1], 0, 1)).Message.ShouldContain("WriteAsync");
    }

    [Fact]
    public void Stream_Capabilities_AreThoseOfANetworkStream()
    {
        var net = new TestNetwork();
        var (client, _) = net.Connect();

        client.CanRead.ShouldBeTrue();
        client.CanWrite.ShouldBeTrue();
        client.CanSeek.ShouldBeFalse();
        Should.Throw<NotSupportedException>(() => client.Length);
        client.Dispose();
        client.CanRead.ShouldBeFalse();
        Should.Throw<ObjectDisposedException>(() => client.ReadAsync(new byte[1]));
    }

    [Fact]
    public void WriteAsync_PendingThenCancelled_ThrowsOperationCanceledAndCompletesInACallback()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { SendBufferSize = 100, ReceiveBufferSize = 100 });
        var (client, _) = net.Connect();
        using var cts = new CancellationTokenSource();
        Task write = client.WriteAsync(new byte[1000], cts.Token).AsTask();
        net.Scheduler.RunFor(TimeSpan.FromMinutes(10)); // a live peer answers the zero-window probes: never idle

        cts.Cancel();
        write.IsCompleted.ShouldBeFalse();
        net.Scheduler.RunFor(TimeSpan.FromMinutes(10)); // a live peer answers the zero-window probes: never idle

        write.IsCanceled.ShouldBeTrue();
    }
}
