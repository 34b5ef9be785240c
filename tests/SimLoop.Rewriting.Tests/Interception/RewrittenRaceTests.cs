using System.Reflection;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Interception;

/// <summary>
/// Control, not only determinism: a check-then-act race across a SemaphoreSlim wait with a token, and across a
/// channel request/response read with a token, inside rewritten code. Tasks advance one step per loop iteration, so
/// the second caller starts exactly as many steps late as the first caller's check-to-act distance (1 across the
/// uncontended wait; 3 across the channel round trip through the server task): its check falls in the iteration of the
/// first caller's act, queued after it. FIFO runs the act first and never double-fetches; exploration runs the check
/// first, because every rewritten wait and read is a scheduling point.
/// </summary>
public sealed class RewrittenRaceTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;
        public static class Races
        {
            static async Task HeadStart(int yields) { for (int i = 0; i < yields; i++) await Task.Yield(); }

            public static async Task<int> SemaphoreFetchesAsync(int headStart)
            {
                using var cts = new CancellationTokenSource();
                var gate = new SemaphoreSlim(1, 1);
                var cache = new Dictionary<string, int>();
                int fetches = 0;
                async Task GetAsync(int yields)
                {
                    await HeadStart(yields).ConfigureAwait(false);
                    if (!cache.ContainsKey("k"))
                    {
                        await gate.WaitAsync(cts.Token).ConfigureAwait(false);
                        try { fetches++; } finally { gate.Release(); }
                        cache["k"] = fetches;
                    }
                }
                await Task.WhenAll(Task.Run(() => GetAsync(0)), Task.Run(() => GetAsync(headStart))).ConfigureAwait(false);
                return fetches;
            }

            public static async Task<int> ChannelFetchesAsync(int headStart)
            {
                using var cts = new CancellationTokenSource();
                var requests = Channel.CreateUnbounded<int>();
                var responses = Channel.CreateUnbounded<int>();
                Task server = Task.Run(async () =>
                {
                    await foreach (int request in requests.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
                    {
                        responses.Writer.TryWrite(request);
                    }
                });
                var cache = new Dictionary<string, int>();
                int fetches = 0;
                async Task GetAsync(int yields)
                {
                    await HeadStart(yields).ConfigureAwait(false);
                    if (!cache.ContainsKey("k"))
                    {
                        fetches++;
                        requests.Writer.TryWrite(fetches);
                        cache["k"] = await responses.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
                    }
                }
                await Task.WhenAll(Task.Run(() => GetAsync(0)), Task.Run(() => GetAsync(headStart))).ConfigureAwait(false);
                requests.Writer.Complete();
                await server.ConfigureAwait(false);
                return fetches;
            }
        }
        """;

    /// <summary>The second caller's head start that puts its check in the iteration of the first caller's act.</summary>
    private static int HeadStart(string method) => method switch
    {
        "SemaphoreFetchesAsync" => 1, // the act follows the rewritten WaitAsync, one step after the check
        _ => 3, // the round trip through the server's ReadAllAsync loop: three steps from the request's write to the reader's resumption
    };

    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    private Func<int, Task<int>> Build(string method)
    {
        string output = Path.Combine(_compiler.Directory, "out", "Races.dll");
        if (!File.Exists(output))
        {
            new AssemblyRewriter().Rewrite(_compiler.Compile("Races", Source), output).Diagnostics.ShouldBeEmpty();
        }

        return SnippetCompiler.Method<Func<int, Task<int>>>(SnippetCompiler.Load(output), "Races", method);
    }

    private static Func<SimulatedEventLoop, CancellationToken, Task> SingleFetch(Func<int, Task<int>> fetches, int headStart) => async (_, _) =>
    {
        int count = await fetches(headStart);
        if (count != 1)
        {
            throw new InvalidOperationException($"double fetch: {count} fetches for one key");
        }
    };

    [Theory]
    [InlineData("SemaphoreFetchesAsync")]
    [InlineData("ChannelFetchesAsync")]
    public void Race_FifoOver300Seeds_NeverDoubleFetches(string method)
    {
        Func<int, Task<int>> fetches = Build(method);
        for (ulong seed = 0; seed < 300; seed++)
        {
            Simulation.Run(seed, SingleFetch(fetches, HeadStart(method))).Failure.ShouldBeNull($"seed {seed}");
        }
    }

    [Theory]
    [InlineData("SemaphoreFetchesAsync")]
    [InlineData("ChannelFetchesAsync")]
    public void Race_WithoutHeadStart_FifoDoubleFetches(string method)
    {
        Simulation.Run(0, SingleFetch(Build(method), 0)).Failure.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("double fetch");
    }

    [Theory]
    [InlineData("SemaphoreFetchesAsync")]
    [InlineData("ChannelFetchesAsync")]
    public void Race_Exploration_FindsTheDoubleFetchWithin100Iterations(string method)
    {
        var options = new ExplorationOptions { Iterations = 100, FailureFolder = null, HonourEnvironment = false };

        Should.Throw<SimulationFailureException>(() => Simulation.Explore(SingleFetch(Build(method), HeadStart(method)), options))
            .Message.ShouldContain("double fetch");
    }

    [Theory]
    [InlineData("SemaphoreFetchesAsync")]
    [InlineData("ChannelFetchesAsync")]
    public void Race_RandomOrder100SeedsTwice_SameHashesAndOutcomes(string method)
    {
        Func<int, Task<int>> fetches = Build(method);
        int doubleFetches = 0;
        for (ulong seed = 0; seed < 100; seed++)
        {
            SimulationRun one = Simulation.Run(seed, SingleFetch(fetches, HeadStart(method)), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });
            SimulationRun two = Simulation.Run(seed, SingleFetch(fetches, HeadStart(method)), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });

            // A random order may run the race; then both runs fail with the double fetch (never an escape).
            if (one.Failure is not null)
            {
                one.Failure.ShouldBeOfType<InvalidOperationException>($"seed {seed}").Message.ShouldContain("double fetch");
                doubleFetches++;
            }

            two.Failure?.Message.ShouldBe(one.Failure?.Message, $"seed {seed}");
            (two.Failure is null).ShouldBe(one.Failure is null, $"seed {seed}");
            two.Trace.Hash().ShouldBe(one.Trace.Hash(), $"seed {seed}");
        }

        doubleFetches.ShouldBeInRange(1, 99, "random orders run both the safe and the racy interleaving");
    }
}
