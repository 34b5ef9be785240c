using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.StaleCache;

/// <summary>
/// A read-through cache in front of a database. In each round the app updates a key (a writer: mark the key as being
/// written, PUT it, then DEL it from the cache) and, in the same instant, warms the cache for it (a reader: if no write
/// is pending, GET it from the database and SET it in the cache). The reader checks for a pending write only when it
/// starts, so a stale value can be cached when two things coincide: the reader's check runs before the writer marks
/// the key, an order within one loop iteration that FIFO never picks, and the reader's SET reaches the cache after the
/// writer's DEL, which needs the SET to be at least 5 ms (the fsync) slower than the DEL; the configured links take
/// exactly 1 ms. Either alone is harmless: FIFO order, or any order on the configured network, always passes.
/// </summary>
internal static class StaleCacheScenario
{
    private const int Rounds = 6;

    [Scenario("stale-cache",
        Description = "A cache fill races an invalidation; needs both an interleaving and a slow network to cache a stale value.",
        Budget = 150)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        ctx.Network.SetDefaultLink(new LinkSettings { Latency = LatencyModel.Fixed(TimeSpan.FromMilliseconds(1)) });
        var store = new VersionedStore(ctx.Time);
        var cache = new CacheServer(versioned: ctx.Fixed);
        store.Start(ctx.Loop.AddHost("db"));
        cache.Start(ctx.Loop.AddHost("cache"));
        SimulatedHost app = ctx.Loop.AddHost("app");
        string[] keys = Enumerable.Range(1, Rounds).Select(r => $"user-{r}").ToArray();
        foreach (string key in keys)
        {
            store.Seed(key, "old");
        }

        await app.Spawn(t => RunAppAsync(app, keys, t), "rounds");
        foreach (string key in keys)
        {
            string? cached = cache.Peek(key);
            InvariantViolationException.ThrowIfFalse(cached is null || cached == store.Peek(key),
                $"stale cache: {key} is '{cached}' in the cache but '{store.Peek(key)}' in the database, and no write is pending");
        }
    }

    private static async Task RunAppAsync(SimulatedHost app, string[] keys, CancellationToken ct)
    {
        var pendingWrites = new HashSet<string>(StringComparer.Ordinal);
        var writer = new AppConnections(await Connect(app, "db", VersionedStore.Port, ct), await Connect(app, "cache", CacheServer.Port, ct));
        var reader = new AppConnections(await Connect(app, "db", VersionedStore.Port, ct), await Connect(app, "cache", CacheServer.Port, ct));
        foreach (string key in keys)
        {
            LoopTask write = app.Spawn(t => WriteAsync(writer, pendingWrites, key, t), "writer");
            LoopTask warm = app.Spawn(t => WarmAsync(reader, pendingWrites, key, t), "reader");
            await write;
            await warm;
        }
    }

    private static async Task WriteAsync(AppConnections connections, HashSet<string> pendingWrites, string key, CancellationToken ct)
    {
        pendingWrites.Add(key);
        string version = Word(await RequestAsync(connections.Store, $"PUT {key} new", ct), 1);
        pendingWrites.Remove(key);
        await RequestAsync(connections.Cache, $"DEL {key} {version}", ct);
    }

    /// <summary>The bug: the check for a pending write comes before the awaits, the SET after them.</summary>
    private static async Task WarmAsync(AppConnections connections, HashSet<string> pendingWrites, string key, CancellationToken ct)
    {
        if (pendingWrites.Contains(key))
        {
            return;
        }

        string reply = await RequestAsync(connections.Store, $"GET {key}", ct);
        await RequestAsync(connections.Cache, $"SET {key} {Word(reply, 1)} {Word(reply, 2)}", ct);
    }

    private static async Task<LineStream> Connect(SimulatedHost app, string host, int port, CancellationToken ct) =>
        new(await app.OpenConnectionAsync(host, port, ct));

    private static async Task<string> RequestAsync(LineStream connection, string request, CancellationToken ct)
    {
        await connection.WriteLineAsync(request, ct);
        return await connection.ReadLineAsync(ct) ?? throw new InvalidOperationException($"the connection closed before answering '{request}'");
    }

    private static string Word(string line, int index) => line.Split(' ')[index];

    private sealed record AppConnections(LineStream Store, LineStream Cache);
}
