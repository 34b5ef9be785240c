using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.AsyncDeadlock;

internal static class AsyncDeadlockScenario
{
    private const int TransfersEach = 3;

    // bob-app starts its batch this long after alice-app: with no think time (the simplest run) alice's three
    // transfers are done before bob's first, so the deadlock needs two opposite transfers that overlap.
    private static readonly TimeSpan s_bobStarts = TimeSpan.FromMilliseconds(20);

    [Scenario("async-deadlock",
        Description = "Two handlers take two SemaphoreSlims in opposite order; opposite transfers deadlock (the loop reports who waits on what).",
        Budget = 200)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        var server = new TransferServer(ctx.Time, orderedLocks: ctx.Fixed);
        server.Start(ctx.Loop.AddHost(TransferServer.Host));

        var clients = new List<LoopTask>();
        foreach ((string host, string from, string to) in new[] { ("alice-app", "alice", "bob"), ("bob-app", "bob", "alice") })
        {
            SimulatedHost app = ctx.Loop.AddHost(host);
            ctx.Network.SetLinkBothWays(host, TransferServer.Host, new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4)) });
            int[] thinkTimes = Enumerable.Range(0, TransfersEach).Select(_ => ctx.Random.Next(0, 40)).ToArray();
            TimeSpan start = from == "bob" ? s_bobStarts : TimeSpan.Zero;
            clients.Add(app.Spawn(async t =>
            {
                if (start > TimeSpan.Zero)
                {
                    await Task.Delay(start, ctx.Time, t);
                }

                var ledger = new LineStream(await app.OpenConnectionAsync(TransferServer.Host, TransferServer.Port, t));
                foreach (int think in thinkTimes)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(think), ctx.Time, t);
                    await ledger.WriteLineAsync($"MOVE {from} {to} 10", t);
                    await ledger.ReadLineAsync(t);
                }
            }, "transfers"));
        }

        foreach (LoopTask client in clients)
        {
            await client;
        }

        InvariantViolationException.ThrowIfFalse(server.Total == 200, $"money was created or destroyed: the total is {server.Total}, expected 200");
    }
}
