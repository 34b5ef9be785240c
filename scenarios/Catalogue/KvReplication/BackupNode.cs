using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.KvReplication;

/// <summary>The backup: applies <c>REPL key value</c> lines to its own disk (2 ms a write) and answers <c>ACK key</c>.</summary>
internal sealed class BackupNode(TimeProvider time)
{
    public const string Host = "backup";
    public const int Port = 7100;
    private static readonly TimeSpan s_diskWrite = TimeSpan.FromMilliseconds(2);

    public Dictionary<string, string> Stored { get; } = new(StringComparer.Ordinal);

    public void Start(SimulatedHost host)
    {
        VirtualListener listener = host.Loop.Network.Listen(host.Name, Port);
        _ = host.Spawn(async ct =>
        {
            var primary = new LineStream(await listener.AcceptAsync(ct));
            try
            {
                while (await primary.ReadLineAsync(ct) is { } line)
                {
                    string[] parts = line.Split(' ');
                    await Task.Delay(s_diskWrite, time, ct);
                    Stored[parts[1]] = parts[2];
                    await primary.WriteLineAsync($"ACK {parts[1]}", ct);
                }
            }
            catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex))
            {
                // The primary went away: this node will be promoted.
            }
        }, "replication");
    }
}
