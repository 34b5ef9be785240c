using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Streams;

/// <summary>A stream end must notice a dead or unreachable peer, as TCP does (issue 11, items 1 to 3).</summary>
public sealed class VirtualStreamLivenessTests
{
    private static readonly long s_thirtyMinutes = TimeSpan.FromMinutes(30).Ticks;

    [Fact]
    public void WriteAsync_BlockedOnFullWindowWhosePeerClosedDuringReversePartition_FailsAfterHeal()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { MaxRetransmissions = 2, SendBufferSize = 512, ReceiveBufferSize = 512 });
        var (client, server) = net.Connect();
        net.Network.PartitionOneWay("server", "client");
        Task write = client.WriteAsync(new byte[4096]).AsTask();
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        net.Scheduler.Pump(server.ReadAsync(new byte[256]).AsTask());

        net.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        server.Dispose();
        net.Network.RepairOneWay("server", "client");
        net.Scheduler.RunUntil(s_thirtyMinutes);

        FailsWithResetOrTimedOut(write);
    }

    [Fact]
    public void WriteAsync_BlockedOnFullWindowWhosePeerCrashedDuringReversePartitionAndRestarted_FailsAfterHeal()
    {
        var net = new TestNetwork();
        var (client, _) = net.Connect();
        Task write = client.WriteAsync(new byte[200_000]).AsTask();
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        net.Network.PartitionOneWay("server", "client");

        net.Network.Crash("server");
        net.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        net.Network.Restart("server");
        net.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        net.Network.RepairOneWay("server", "client");
        net.Scheduler.RunUntil(s_thirtyMinutes);

        FailsWithResetOrTimedOut(write);
    }

    [Fact]
    public void WriteAsync_BlockedOnFullWindowWhosePeerHostCrashedForGood_FailsWithTimedOut()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { MaxRetransmissions = 3 });
        var (client, _) = net.Connect();
        Task write = client.WriteAsync(new byte[200_000]).AsTask();
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        net.Network.PartitionOneWay("server", "client");

        net.Network.Crash("server");
        net.Scheduler.RunUntil(s_thirtyMinutes);

        SocketAssert.FailsWithIOError(write, SocketError.TimedOut);
    }

    [Fact]
    public void WriteAsync_BlockedOnFullWindowOfLivePeerThatDoesNotRead_StaysPendingAndResumesWhenPeerReads()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { MaxRetransmissions = 2, SendBufferSize = 512, ReceiveBufferSize = 512 });
        var (client, server) = net.Connect();
        Task write = client.WriteAsync(new byte[2048]).AsTask();

        net.Scheduler.RunUntil(s_thirtyMinutes);
        write.IsCompleted.ShouldBeFalse();
        client.ShutdownWriteAfter(write);

        net.ReadToEnd(server).Length.ShouldBe(2048);
        write.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public void WriteAsync_BlockedOnFullWindowOfPeerThatClosedWithoutReading_FailsWithConnectionReset()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { SendBufferSize = 512, ReceiveBufferSize = 512 });
        var (client, server) = net.Connect();
        Task write = client.WriteAsync(new byte[4096]).AsTask();
        net.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        server.Dispose();
        net.Scheduler.RunUntil(s_thirtyMinutes);

        SocketAssert.FailsWithIOError(write, SocketError.ConnectionReset);
    }

    [Fact]
    public void WriteAsync_ZeroWindowProbesUnanswered_FailsWithTimedOutAfterTheProbesBackOff()
    {
        var options = new VirtualNetworkOptions
        {
            MaxRetransmissions = 2, RetransmissionTimeout = TimeSpan.FromMilliseconds(200), MaxRetransmissionTimeout = TimeSpan.FromSeconds(1),
            SendBufferSize = 512, ReceiveBufferSize = 512,
        };
        var net = new TestNetwork(options);
        var (client, _) = net.Connect();
        net.Network.PartitionOneWay("server", "client");
        Task write = client.WriteAsync(new byte[4096]).AsTask();
        long failedAt = -1;
        write.ContinueWith(_ => failedAt = net.Scheduler.NowTicks, TaskContinuationOptions.ExecuteSynchronously);

        net.Scheduler.RunUntil(s_thirtyMinutes);

        SocketAssert.FailsWithIOError(write, SocketError.TimedOut);
        List<NetworkEvent> probes = [.. net.EventsOf(NetworkEventKind.Sent).Where(e => e.Detail.StartsWith("WindowProbe", StringComparison.Ordinal))];
        probes.Count.ShouldBe(3);
        (probes[1].AtTicks - probes[0].AtTicks).ShouldBe(TestNetwork.MsTicks(400));
        (probes[2].AtTicks - probes[1].AtTicks).ShouldBe(TestNetwork.MsTicks(800));
        (failedAt - probes[2].AtTicks).ShouldBe(TestNetwork.MsTicks(1000));
    }

    [Fact]
    public void ConnectAsync_AcrossPartitionWithDefaultOptions_FailsWithTimedOutAfterTheSynRetries()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port);
        net.Network.Partition(["client"], ["server"]);
        long failedAt = -1;

        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        connect.ContinueWith(_ => failedAt = net.Scheduler.NowTicks, TaskContinuationOptions.ExecuteSynchronously);
        net.Scheduler.RunUntil(s_thirtyMinutes);

        SocketAssert.FailsWithSocketError(connect, SocketError.TimedOut);
        failedAt.ShouldBe(TimeSpan.FromSeconds(127).Ticks);
    }

    private static void FailsWithResetOrTimedOut(Task write)
    {
        write.IsFaulted.ShouldBeTrue($"the blocked write should have failed but is {write.Status}");
        IOException e = write.Exception!.InnerException.ShouldBeOfType<IOException>();
        e.InnerException.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBeOneOf(SocketError.ConnectionReset, SocketError.TimedOut);
    }
}

/// <summary>Writes that continue after a test has pumped a pending one.</summary>
internal static class VirtualStreamTestExtensions
{
    /// <summary>Half-closes <paramref name="stream"/> as soon as <paramref name="write"/> has completed.</summary>
    public static void ShutdownWriteAfter(this VirtualStream stream, Task write) =>
        write.ContinueWith(_ => stream.ShutdownWrite(), TaskContinuationOptions.ExecuteSynchronously);
}
