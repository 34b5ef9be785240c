using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.FsCheck.Tests.Systems;

/// <summary>
/// A key-value store on two hosts: writes go to "primary", which acknowledges them and then ships them to "backup"
/// over a connection of its own; reads go to "backup". Links take 1 to 10 ms each way, drawn per message. The bug:
/// the primary acknowledges before the backup has the write, so a client that puts and then gets from the backup
/// can read the old value (a stale read) when the replication message is slower than the acknowledgement and the read.
/// </summary>
internal static class ReplicatedKvStore
{
    private const int Port = 7000;
    private const byte Put = (byte)'P', Get = (byte)'G', Replicate = (byte)'R';

    /// <summary>Runs <paramref name="operations"/> from one client, one after the other, and checks each get against the last put.</summary>
    public static async Task RunAsync(SimulatedEventLoop loop, KvOperation[] operations, CancellationToken ct)
    {
        var latency = new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10)) };
        var backupValues = new Dictionary<byte, byte>();
        SimulatedHost backup = loop.AddHost("backup");
        await backup.StartServerAsync((stream, c) => ServeBackupAsync(stream, backupValues, c), Port);
        SimulatedHost primary = loop.AddHost("primary");
        SimulatedHost client = loop.AddHost("client");
        loop.Network.SetLinkBothWays("primary", "backup", latency);
        loop.Network.SetLinkBothWays("client", "primary", latency);
        loop.Network.SetLinkBothWays("client", "backup", latency);
        Stream replication = await primary.OpenConnectionAsync("backup", Port, ct);
        await primary.StartServerAsync((stream, c) => ServePrimaryAsync(stream, replication, c), Port);

        await client.Spawn(c => ClientAsync(client, operations, c), "client");
        await replication.DisposeAsync();
    }

    private static async Task ClientAsync(SimulatedHost client, KvOperation[] operations, CancellationToken ct)
    {
        await using Stream writes = await client.OpenConnectionAsync("primary", Port, ct);
        await using Stream reads = await client.OpenConnectionAsync("backup", Port, ct);
        var expected = new Dictionary<char, byte>();
        foreach (KvOperation operation in operations)
        {
            if (operation.IsPut)
            {
                await CallAsync(writes, Put, (byte)operation.Key, operation.Value, ct);
                expected[operation.Key] = operation.Value;
                continue;
            }

            byte read = await CallAsync(reads, Get, (byte)operation.Key, 0, ct);
            byte last = expected.GetValueOrDefault(operation.Key);
            if (read != last)
            {
                throw new InvalidOperationException($"stale read: get {operation.Key} returned {read} after put {operation.Key}={last} was acknowledged");
            }
        }
    }

    private static async Task<byte> CallAsync(Stream stream, byte op, byte key, byte value, CancellationToken ct)
    {
        await stream.WriteAsync(new[] { op, key, value }, ct);
        var reply = new byte[1];
        await stream.ReadExactlyAsync(reply, ct);
        return reply[0];
    }

    private static async Task ServePrimaryAsync(Stream stream, Stream replication, CancellationToken ct)
    {
        var request = new byte[3];
        while (await stream.ReadAtLeastAsync(request, 3, throwOnEndOfStream: false, ct) == 3)
        {
            // The bug: the write is acknowledged as soon as it is sent on to the backup, not once the backup has it.
            await replication.WriteAsync(new[] { Replicate, request[1], request[2] }, ct);
            await stream.WriteAsync(new byte[] { 1 }, ct);
        }
    }

    private static async Task ServeBackupAsync(Stream stream, Dictionary<byte, byte> values, CancellationToken ct)
    {
        var request = new byte[3];
        while (await stream.ReadAtLeastAsync(request, 3, throwOnEndOfStream: false, ct) == 3)
        {
            if (request[0] == Replicate)
            {
                values[request[1]] = request[2];
                continue;
            }

            await stream.WriteAsync(new[] { values.GetValueOrDefault(request[1]) }, ct);
        }
    }
}
