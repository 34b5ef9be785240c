using System.IO.Abstractions;
using System.Text;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;
using SimLoop.Storage;

namespace SimLoop.Scenarios.Catalogue.WalKv;

/// <summary>
/// A key-value store with a write-ahead log on its host's disk: each boot replays <c>/kv/wal.log</c> into memory, then
/// serves <c>PUT key value</c> by appending a line to the log and answering <c>OK key</c>.
/// Buggy: it answers once the line is in the page cache and fsyncs the log every few milliseconds (group commit), so
/// a crash between the answer and the next fsync loses acknowledged writes. Fixed: it fsyncs before answering.
/// </summary>
internal sealed class WalKvNode(bool fsyncBeforeAck)
{
    public const string Host = "kv";
    public const int Port = 7100;
    public const string Directory = "/kv";
    public const string WalPath = "/kv/wal.log";
    private static readonly TimeSpan s_groupCommitInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>What the last boot recovered from the log, and the writes it applied since.</summary>
    public Dictionary<string, string> State { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The boot whose recovery produced <see cref="State"/> (0 before the first).</summary>
    public int RecoveredBoot { get; private set; }

    /// <summary>The host's start function: runs on every boot.</summary>
    public async Task StartAsync(SimulatedHost host, CancellationToken ct)
    {
        IFileSystem fs = host.FileSystem();
        State = await RecoverAsync(fs, ct);
        RecoveredBoot = host.BootCount;
        VirtualListener listener = host.Loop.Network.Listen(host.Name, Port);
        FileSystemStream wal = fs.FileStream.New(WalPath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        if (!fsyncBeforeAck)
        {
            _ = host.Spawn(t => GroupCommitAsync(host, wal, t), "group-commit");
        }

        try
        {
            var client = new LineStream(await listener.AcceptAsync(ct));
            while (await client.ReadLineAsync(ct) is { } request)
            {
                string[] parts = request.Split(' ');
                (string key, string value) = (parts[1], parts[2]);
                await wal.WriteAsync(Encoding.UTF8.GetBytes($"PUT {key} {value}\n"), ct);
                if (fsyncBeforeAck)
                {
                    await wal.FlushAsync(ct);
                }

                State[key] = value;
                await client.WriteLineAsync($"OK {key}", ct);
            }
        }
        catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex) || ex is IOException)
        {
            // Crashed, or the client left.
        }
    }

    private static async Task GroupCommitAsync(SimulatedHost host, FileSystemStream wal, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(s_groupCommitInterval, host.Loop.TimeProvider, ct);
                await wal.FlushAsync(ct);
            }
        }
        catch (IOException)
        {
            // The host crashed under the flush.
        }
    }

    /// <summary>Replays the log; an incomplete last line (a torn append) is cut off so later appends start clean.</summary>
    private static async Task<Dictionary<string, string>> RecoverAsync(IFileSystem fs, CancellationToken ct)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!fs.File.Exists(WalPath))
        {
            fs.Directory.CreateDirectory(Directory);
            await using (FileSystemStream created = fs.FileStream.New(WalPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, useAsync: true))
            {
                await created.FlushAsync(ct);
            }

            fs.SyncDirectory(Directory);
            return state;
        }

        string log = await fs.File.ReadAllTextAsync(WalPath, ct);
        int complete = log.LastIndexOf('\n') + 1;
        foreach (string line in log[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            state[parts[1]] = parts[2];
        }

        if (complete < log.Length)
        {
            await using FileSystemStream wal = fs.FileStream.New(WalPath, FileMode.Open, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
            wal.SetLength(Encoding.UTF8.GetByteCount(log[..complete]));
            await wal.FlushAsync(ct);
        }

        return state;
    }
}
