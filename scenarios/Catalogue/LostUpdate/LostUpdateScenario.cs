using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.LostUpdate;

internal static class LostUpdateScenario
{
    private const int Clients = 3;
    private const int RequestsPerClient = 2;
    private const string Key = "page-views";
    private const int ThinkTimeMilliseconds = 150;

    // Client c starts (c - 1) times this after the first: with no think time at all (the simplest run) the clients'
    // requests never overlap, so the bug needs two requests that arrive close together (think times that line up).
    private static readonly TimeSpan s_stagger = TimeSpan.FromMilliseconds(20);

    [Scenario("lost-update",
        Description = "A counter service reads then writes back the count; concurrent INC requests lose increments.",
        Budget = 200)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        SimulatedHost counter = ctx.Loop.AddHost("counter");
        var store = new CounterStore(ctx.Time);
        new CounterServer(store, serialisePerKey: ctx.Fixed).Start(counter);

        var clients = new List<LoopTask>();
        for (int c = 1; c <= Clients; c++)
        {
            string name = $"client-{c}";
            SimulatedHost client = ctx.Loop.AddHost(name);
            // Every client sits at its own distance from the server: 1 to 3 ms each way.
            var latency = TimeSpan.FromMilliseconds(ctx.Random.Next(1, 4));
            ctx.Network.SetLinkBothWays(name, counter.Name, new LinkSettings { Latency = LatencyModel.Fixed(latency) });
            int[] thinkTimes = Enumerable.Range(0, RequestsPerClient).Select(_ => ctx.Random.Next(0, ThinkTimeMilliseconds)).ToArray();
            TimeSpan start = s_stagger * (c - 1);
            clients.Add(client.Spawn(t => ClientAsync(ctx, client, start, thinkTimes, t), "requests"));
        }

        foreach (LoopTask client in clients)
        {
            await client;
        }

        int expected = Clients * RequestsPerClient;
        int actual = store.Peek(Key);
        InvariantViolationException.ThrowIfFalse(actual == expected,
            $"lost update: {expected} INC requests were acknowledged but the counter is {actual}");
    }

    private static async Task ClientAsync(ScenarioContext ctx, SimulatedHost client, TimeSpan start, int[] thinkTimes, CancellationToken ct)
    {
        if (start > TimeSpan.Zero)
        {
            await Task.Delay(start, ctx.Time, ct);
        }

        await using VirtualStream stream = await client.OpenConnectionAsync("counter", CounterServer.Port, ct);
        var connection = new LineStream(stream);
        foreach (int think in thinkTimes)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(think), ctx.Time, ct);
            await connection.WriteLineAsync($"INC {Key}", ct);
            string? reply = await connection.ReadLineAsync(ct);
            InvariantViolationException.ThrowIfFalse(reply?.StartsWith("OK ", StringComparison.Ordinal) == true,
                $"{client} expected 'OK <n>', got '{reply}'");
        }
    }
}
