using SimLoop.Hosts;
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
        SimulatedHost primaryHost = ctx.Loop.AddHost(PrimaryNode.Host);
        SimulatedHost backupHost = ctx.Loop.AddHost(BackupNode.Host);
        SimulatedHost client = ctx.Loop.AddHost("client");

        // The backup is in another zone: 2 to 6 ms away; the client is next to the primary.
        ctx.Network.SetLinkBothWays(PrimaryNode.Host, BackupNode.Host, new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(6)) });
        var backup = new BackupNode(ctx.Time);
        backup.Start(backupHost);
        new PrimaryNode(ackAfterBackup: ctx.Fixed).Start(primaryHost);

        // The fault injector is no machine on the network: a loop task, named for its own lane in the pictures.
        var crashAt = TimeSpan.FromMilliseconds(ctx.Random.Next(5, 40));
        LoopTask chaos = ctx.Loop.CreateTask(async t =>
        {
            await Task.Delay(crashAt, ctx.Time, t);
            // The host model cancels the primary's tasks, resets its connections at the peers and drops its listener.
            primaryHost.Crash();
        }, "chaos/crash-primary");

        var acknowledged = new List<string>();
        await client.Spawn(t => WriteAsync(ctx, client, acknowledged, t), "writes");
        await chaos;

        // Fail over: once the backup has drained its disk queue, it is the new primary and must hold every acknowledged write.
        await Task.Delay(TimeSpan.FromMilliseconds(20), ctx.Time, ct);
        string[] lost = acknowledged.Where(key => !backup.Stored.ContainsKey(key)).ToArray();
        InvariantViolationException.ThrowIfFalse(lost.Length == 0,
            $"acknowledged writes lost after failover: {string.Join(", ", lost)} (acknowledged {acknowledged.Count}, backup holds {backup.Stored.Count})");
    }

    private static async Task WriteAsync(ScenarioContext ctx, SimulatedHost client, List<string> acknowledged, CancellationToken ct)
    {
        try
        {
            var primary = new LineStream(await client.OpenConnectionAsync(PrimaryNode.Host, PrimaryNode.Port, ct));
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
