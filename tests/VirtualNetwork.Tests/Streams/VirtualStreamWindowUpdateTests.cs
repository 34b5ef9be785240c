namespace SimLoop.Networking.Tests.Streams;

/// <summary>
/// Window updates follow TCP's receiver-side silly window avoidance: a read sends one only when the window opened by
/// min(half the receive buffer, one MTU) since the last, or when the window the writer may believe is smaller than
/// that; a writer that fills the window is never left waiting for an update that is not sent.
/// </summary>
public sealed class VirtualStreamWindowUpdateTests
{
    [Fact]
    public void SmallReads_SendAWindowUpdateOnlyOnceAnMtuWasConsumed()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { Mtu = 1000, ReceiveBufferSize = 64 * 1024 });
        var (client, server) = net.Connect();
        byte[] buffer = new byte[100];

        for (int i = 0; i < 25; i++)
        {
            net.Scheduler.Pump(client.WriteAsync(new byte[100]).AsTask());
            net.Scheduler.Pump(server.ReadAsync(buffer)).ShouldBe(100);
        }

        net.Scheduler.RunUntilIdle();
        // 2,500 bytes read 100 at a time: updates after the 10th and the 20th read only (was one per read).
        WindowUpdatesSent(net).ShouldBe(["ack=1000", "ack=2000"]);
    }

    [Fact]
    public void ReadsOfAnMtuEach_SendAWindowUpdateEach()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { Mtu = 1000 });
        var (client, server) = net.Connect();
        byte[] buffer = new byte[1000];

        for (int i = 0; i < 3; i++)
        {
            net.Scheduler.Pump(client.WriteAsync(new byte[1000]).AsTask());
            net.Scheduler.Pump(server.ReadAsync(buffer)).ShouldBe(1000);
        }

        net.Scheduler.RunUntilIdle();
        WindowUpdatesSent(net).ShouldBe(["ack=1000", "ack=2000", "ack=3000"]);
    }

    [Fact]
    public void WriterFillingTheWindow_ResumesOnSmallReads_WithoutWaitingForAProbe()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { Mtu = 1000, ReceiveBufferSize = 4000, SendBufferSize = 2000 });
        var (client, server) = net.Connect();
        long start = net.Scheduler.NowTicks;
        byte[] data = new byte[20_000];
        Task write = client.WriteAsync(data).AsTask();
        byte[] buffer = new byte[50];
        long received = 0;

        while (received < data.Length)
        {
            received += net.Scheduler.Pump(server.ReadAsync(buffer));
        }

        net.Scheduler.Pump(write);
        net.EventsOf(NetworkEventKind.Sent).ShouldNotContain(e => e.Detail.StartsWith("WindowProbe", StringComparison.Ordinal));
        // Every hand-over of the window takes one 1 ms hop each way; no 200 ms retransmission timeout was waited for.
        (net.Scheduler.NowTicks - start).ShouldBeLessThan(TestNetwork.MsTicks(100));
    }

    [Fact]
    public void WindowClosedAtTheWriter_ASmallReadIsAdvertisedAtOnce()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { Mtu = 1000, ReceiveBufferSize = 4000, SendBufferSize = 10_000 });
        var (client, server) = net.Connect();
        net.Scheduler.Pump(client.WriteAsync(new byte[4500]).AsTask());
        net.Scheduler.RunFor(TestNetwork.Ms(10)); // 4,000 bytes arrive (the whole window), 500 wait in the send buffer
        byte[] buffer = new byte[300];
        net.Scheduler.Pump(server.ReadAsync(buffer)).ShouldBe(300);
        net.Scheduler.RunFor(TestNetwork.Ms(10));

        // The window the writer knows is 0, less than one MTU: the 300 bytes read are advertised at once, and 300 of
        // the waiting bytes follow without a probe.
        WindowUpdatesSent(net).ShouldBe(["ack=300"]);
        net.EventsOf(NetworkEventKind.Sent).ShouldNotContain(e => e.Detail.StartsWith("WindowProbe", StringComparison.Ordinal));
        int read = 0;
        while (read < 4000)
        {
            read += net.Scheduler.Pump(server.ReadAsync(new byte[10_000]));
        }

        read.ShouldBe(4000);
    }

    private static List<string> WindowUpdatesSent(TestNetwork net) =>
        [.. net.EventsOf(NetworkEventKind.Sent).Where(e => e.Detail.StartsWith("WindowUpdate", StringComparison.Ordinal))
            .Select(e => e.Detail[e.Detail.IndexOf("ack=", StringComparison.Ordinal)..])];
}
