using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.Tests.Support;

/// <summary>
/// A timing-only workload: a client sends one byte to a server over links with the given latency, and the run fails
/// (with a <see cref="TimeoutException"/>) when the byte's delivery time is one <paramref name="fails"/> rejects.
/// </summary>
internal static class OneByteDelivery
{
    private const int Port = 80;

    public static Func<SimulatedEventLoop, CancellationToken, Task> FailsWhen(LatencyModel latency, Func<TimeSpan, bool> fails) => async (loop, ct) =>
    {
        loop.ConfigureNetwork(new VirtualNetworkOptions { DefaultLink = new LinkSettings { Latency = latency } });
        loop.AddHost("server");
        SimulatedHost client = loop.AddHost("client");
        VirtualListener listener = loop.Network.Listen("server", Port);
        LoopTask<TimeSpan> receive = loop.CreateTask(async t =>
        {
            await using VirtualStream connection = await listener.AcceptAsync(t);
            var buffer = new byte[1];
            _ = await connection.ReadAsync(buffer, t);
            return loop.Clock.Elapsed;
        }, "receive");
        await using VirtualStream stream = await client.OpenConnectionAsync("server", Port, ct);
        TimeSpan sent = loop.Clock.Elapsed;
        await stream.WriteAsync(new byte[] { 1 }, ct);
        TimeSpan arrived = await receive;
        if (fails(arrived - sent))
        {
            throw new TimeoutException($"the byte took {(arrived - sent).TotalMilliseconds} ms");
        }
    };
}
