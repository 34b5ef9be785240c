using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.KvReplication;

internal static class KvReplicationScenario
{
    private const int Writes = 8;
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromMilliseconds(50);

    [Scenario("kv-replication",
        Description = "Primary-backup store acks a write before the backup has it; a primary crash loses acknowledged writes.",
        Budget = 100)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        VirtualNetwork network = ctx.Network;
        foreach (string host in new[] { PrimaryNode.Host, BackupNode.Host, "client" })
        {
            network.AddHost(host);
        }

        // The backup is in another zone: 2 to 6 ms away; the client is next to the primary.
        network.SetLinkBothWays(PrimaryNode.Host, BackupNode.Host, new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(6)) });
        var backup = new BackupNode(ctx.Time, new HostTasks(ctx.Loop, BackupNode.Host));
        backup.Start(network);
        var primaryTasks = new HostTasks(ctx.Loop, PrimaryNode.Host);
        new PrimaryNode(primaryTasks, ackAfterBackup: ctx.Fixed).Start(network);

        var crashAt = TimeSpan.FromMilliseconds(ctx.Random.Next(5, 40));
        LoopTask chaos = new HostTasks(ctx.Loop, "chaos").Spawn("crash-primary", async t =>
        {
            await Task.Delay(crashAt, ctx.Time, t);
            network.Crash(PrimaryNode.Host);
            primaryTasks.CancelAll();
        });

        var acknowledged = new List<string>();
        await new HostTasks(ctx.Loop, "client").Spawn("writes", t => WriteAsync(ctx, network, acknowledged, t));
        await chaos;

        // Fail over: once the backup has drained its disk queue, it is the new primary and must hold every acknowledged write.
        await Task.Delay(TimeSpan.FromMilliseconds(20), ctx.Time, ct);
        string[] lost = acknowledged.Where(key => !backup.Stored.ContainsKey(key)).ToArray();
        InvariantViolationException.ThrowIfFalse(lost.Length == 0,
            $"acknowledged writes lost after failover: {string.Join(", ", lost)} (acknowledged {acknowledged.Count}, backup holds {backup.Stored.Count})");
    }

    private static async Task WriteAsync(ScenarioContext ctx, VirtualNetwork network, List<string> acknowledged, CancellationToken ct)
    {
        try
        {
            var primary = new LineStream(await network.ConnectAsync("client", PrimaryNode.Host, PrimaryNode.Port, ct));
            for (int i = 1; i <= Writes; i++)
            {
                await primary.WriteLineAsync($"PUT key-{i} value-{i}", ct);
                string? reply = await primary.ReadLineAsync(ct).WaitAsync(s_requestTimeout, ctx.Time, ct);
                if (reply != $"OK key-{i}")
                {
                    return;
                }

                acknowledged.Add($"key-{i}");
            }
        }
        catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex) || ex is TimeoutException)
        {
            // The primary is gone: the client stops writing; what was acknowledged must survive.
        }
    }
}
