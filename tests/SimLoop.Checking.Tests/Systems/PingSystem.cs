using System.Net.Sockets;
using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.Checking.Tests.Systems;

/// <summary>
/// An app host that keeps pinging a db host over one connection. Partitioned long enough, the connection times
/// out (data and connects retry every 20 ms, doubling, 3 times: each gives up after 300 ms). The fixed client reconnects; the broken one gives up for good, so it never recovers after the partition heals.
/// </summary>
internal sealed class PingSystem(bool reconnects)
{
    private const int Port = 5432;

    public DateTimeOffset? LastPong { get; private set; }

    public string Status { get; private set; } = "not started";

    public int Connections { get; private set; }

    /// <summary>Starts db and app, partitions them at 100 ms for 2 s, heals, then checks the app pings again within 1 s.</summary>
    public static async Task RunAsync(SimulatedEventLoop loop, bool reconnects, CancellationToken ct)
    {
        // Fast timeouts for data AND connects: with Linux's SYN defaults (1 s doubling), a reconnect attempted during
        // the partition (about 0.46 s in) resends its SYN at about 1.46 s and 3.46 s: past the 1 s allowed after the heal.
        loop.ConfigureNetwork(new VirtualNetworkOptions
        {
            RetransmissionTimeout = TimeSpan.FromMilliseconds(20),
            MaxRetransmissions = 3,
            SynRetransmissionTimeout = TimeSpan.FromMilliseconds(20),
            MaxSynRetransmissions = 3,
        });
        SimulatedHost db = loop.AddHost("db");
        SimulatedHost app = loop.AddHost("app");
        await db.StartServerAsync(EchoAsync, Port);
        var system = new PingSystem(reconnects);
        _ = app.Spawn(c => system.PingAsync(loop.TimeProvider, c), "pinger");

        // README-BEGIN liveness
        await Task.Delay(TimeSpan.FromMilliseconds(100), loop.TimeProvider, ct);
        loop.Network.Partition(["app"], ["db"]);
        await Task.Delay(TimeSpan.FromSeconds(2), loop.TimeProvider, ct);
        loop.Network.Repair(["app"], ["db"]);
        DateTimeOffset healed = loop.TimeProvider.GetUtcNow();

        await Liveness.EventuallyAsync(loop, () => system.LastPong > healed, within: TimeSpan.FromSeconds(1), describeState: () => system.Status, cancellationToken: ct);
        // README-END liveness
    }

    private static async Task EchoAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer, ct) > 0)
        {
            await stream.WriteAsync(buffer, ct);
        }
    }

    private async Task PingAsync(TimeProvider time, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("db", Port, ct);
                Connections++;
                Status = $"connected (connection {Connections})";
                var buffer = new byte[1];
                while (true)
                {
                    await stream.WriteAsync(new byte[] { 1 }, ct);
                    if (await stream.ReadAsync(buffer, ct) == 0)
                    {
                        throw new IOException("db closed the connection");
                    }

                    LastPong = time.GetUtcNow();
                    await Task.Delay(TimeSpan.FromMilliseconds(10), time, ct);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                Status = $"connection {Connections} failed ({ex.Message}); {(reconnects ? "reconnecting" : "gave up")}";
                if (!reconnects)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
            }
        }
    }
}
