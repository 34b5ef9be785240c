using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.WalKv;

internal static class WalKvScenario
{
    private const int Writes = 12;
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromMilliseconds(50);

    [Scenario("wal-kv",
        Description = "A write-ahead-logged store acks before fsync (group commit); a crash and restart loses acknowledged writes.",
        Budget = 100)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        var node = new WalKvNode(fsyncBeforeAck: ctx.Fixed);
        SimulatedHost kv = ctx.Loop.AddHost(WalKvNode.Host, node.StartAsync);
        SimulatedHost client = ctx.Loop.AddHost("client");

        // The fault injector: a loop task that pulls the plug on the store and powers it back on.
        var crashAt = TimeSpan.FromMilliseconds(ctx.Random.Next(12, 45));
        LoopTask chaos = ctx.Loop.CreateTask(async t =>
        {
            await Task.Delay(crashAt, ctx.Time, t);
            kv.Crash();
            await Task.Delay(TimeSpan.FromMilliseconds(5), ctx.Time, t);
            kv.Restart();
        }, "chaos/power-cycle-kv");

        var acknowledged = new List<string>();
        await client.Spawn(t => WriteAsync(ctx, client, acknowledged, t), "writes");
        await chaos;

        // Let the restarted store replay its log, then every acknowledged write must be in what it recovered.
        await Task.Delay(TimeSpan.FromMilliseconds(30), ctx.Time, ct);
        InvariantViolationException.ThrowIfFalse(node.RecoveredBoot == 2, $"the store did not recover after its restart (last recovery: boot {node.RecoveredBoot})");
        string[] lost = acknowledged.Where(key => !node.State.ContainsKey(key)).ToArray();
        InvariantViolationException.ThrowIfFalse(lost.Length == 0,
            $"acknowledged writes lost across a crash and restart: {string.Join(", ", lost)} (acknowledged {acknowledged.Count}, recovered {node.State.Count})");
    }

    private static async Task WriteAsync(ScenarioContext ctx, SimulatedHost client, List<string> acknowledged, CancellationToken ct)
    {
        try
        {
            // The store replays its log before it listens: give it time to boot.
            await Task.Delay(TimeSpan.FromMilliseconds(10), ctx.Time, ct);
            var store = new LineStream(await client.OpenConnectionAsync(WalKvNode.Host, WalKvNode.Port, ct));
            for (int i = 1; i <= Writes; i++)
            {
                await store.WriteLineAsync($"PUT key-{i} value-{i}", ct);
                string? reply = await store.ReadLineAsync(ct).WaitAsync(s_requestTimeout, ctx.Time, ct);
                if (reply != $"OK key-{i}")
                {
                    return;
                }

                acknowledged.Add($"key-{i}");
            }
        }
        catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex) || ex is TimeoutException)
        {
            // The store is gone: the client stops writing; what was acknowledged must survive.
        }
    }
}
