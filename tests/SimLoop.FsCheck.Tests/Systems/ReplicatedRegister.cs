using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.FsCheck.Tests.Systems;

/// <summary>
/// A register on host "register" and two clients a few milliseconds away (1 to 6 ms each way, drawn per message).
/// Each client adds 1. The racy client reads the value (GET) and writes back value + 1 (SET): when the second
/// client's GET reaches the register before the first client's SET, an increment is lost. The atomic client sends
/// one INC. The second client starts 8 ms after the first, so at the links' minimum latency the race never happens:
/// the failure needs a timing (slow messages).
/// </summary>
internal static class ReplicatedRegister
{
    private const int Port = 6379;
    private const byte Get = (byte)'G', Set = (byte)'S', Increment = (byte)'I';

    public static Task RacyIncrementsAsync(SimulatedEventLoop loop, CancellationToken ct) => TwoIncrementsAsync(loop, atomic: false, ct);

    public static Task AtomicIncrementsAsync(SimulatedEventLoop loop, CancellationToken ct) => TwoIncrementsAsync(loop, atomic: true, ct);

    private static async Task TwoIncrementsAsync(SimulatedEventLoop loop, bool atomic, CancellationToken ct)
    {
        int value = 0;
        SimulatedHost register = loop.AddHost("register");
        await register.StartServerAsync((stream, c) => ServeAsync(stream, () => value, v => value = v, c), Port);
        var clients = new List<LoopTask>();
        foreach ((string name, int startsAtMs) in new[] { ("client-1", 0), ("client-2", 8) })
        {
            SimulatedHost client = loop.AddHost(name);
            loop.Network.SetLinkBothWays(name, "register", new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(6)) });
            clients.Add(client.Spawn(c => ClientAsync(loop, client, startsAtMs, atomic, c), "increment"));
        }

        foreach (LoopTask client in clients)
        {
            await client;
        }

        if (value != 2)
        {
            throw new InvalidOperationException($"lost update: two increments were acknowledged but the register holds {value}");
        }
    }

    private static async Task ClientAsync(SimulatedEventLoop loop, SimulatedHost client, int startsAtMs, bool atomic, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(startsAtMs), loop.TimeProvider, ct);
        await using Stream stream = await client.OpenConnectionAsync("register", Port, ct);
        if (atomic)
        {
            await CallAsync(stream, Increment, 0, ct);
            return;
        }

        byte read = await CallAsync(stream, Get, 0, ct);
        await CallAsync(stream, Set, (byte)(read + 1), ct);
    }

    private static async Task<byte> CallAsync(Stream stream, byte op, byte argument, CancellationToken ct)
    {
        await stream.WriteAsync(new[] { op, argument }, ct);
        var reply = new byte[1];
        await stream.ReadExactlyAsync(reply, ct);
        return reply[0];
    }

    private static async Task ServeAsync(Stream stream, Func<int> read, Action<int> write, CancellationToken ct)
    {
        var request = new byte[2];
        while (await stream.ReadAtLeastAsync(request, 2, throwOnEndOfStream: false, ct) == 2)
        {
            switch (request[0])
            {
                case Set:
                    write(request[1]);
                    break;
                case Increment:
                    write(read() + 1);
                    break;
            }

            await stream.WriteAsync(new[] { (byte)read() }, ct);
        }
    }
}
