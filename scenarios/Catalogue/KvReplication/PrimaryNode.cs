using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.KvReplication;

/// <summary>
/// The primary: stores <c>PUT key value</c> from clients, forwards each write to the backup, and answers <c>OK key</c>.
/// Buggy: it answers as soon as the write is forwarded. Fixed: it answers when the backup has acknowledged it.
/// </summary>
internal sealed class PrimaryNode(bool ackAfterBackup)
{
    public const string Host = "primary";
    public const int Port = 7000;

    private readonly Dictionary<string, string> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _backupAcks = new(StringComparer.Ordinal);

    /// <summary>Listens and serves on <paramref name="host"/>; the host's crash cancels the node's tasks.</summary>
    public void Start(SimulatedHost host)
    {
        VirtualListener listener = host.Loop.Network.Listen(host.Name, Port);
        _ = host.Spawn(async ct =>
        {
            try
            {
                var backup = new LineStream(await host.OpenConnectionAsync(BackupNode.Host, BackupNode.Port, ct));
                _ = host.Spawn(t => ReadAcksAsync(backup, t), "backup-acks");
                var client = new LineStream(await listener.AcceptAsync(ct));
                while (await client.ReadLineAsync(ct) is { } request)
                {
                    string[] parts = request.Split(' ');
                    (string key, string value) = (parts[1], parts[2]);
                    _stored[key] = value;
                    var acked = new TaskCompletionSource();
                    _backupAcks[key] = acked;
                    await backup.WriteLineAsync($"REPL {key} {value}", ct);
                    if (ackAfterBackup)
                    {
                        await acked.Task;
                    }

                    await client.WriteLineAsync($"OK {key}", ct);
                }
            }
            catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex))
            {
                // Crashed, or the client left.
            }
        }, "serve");
    }

    private async Task ReadAcksAsync(LineStream backup, CancellationToken ct)
    {
        try
        {
            while (await backup.ReadLineAsync(ct) is { } ack)
            {
                if (_backupAcks.Remove(ack.Split(' ')[1], out TaskCompletionSource? waiting))
                {
                    waiting.SetResult();
                }
            }
        }
        catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex))
        {
            // Crashed.
        }
    }
}
