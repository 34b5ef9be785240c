using System.Reflection;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Interception;

/// <summary>
/// Control, not only determinism: a check-then-act race across a SemaphoreSlim wait with a token, and across a
/// channel request/response read with a token, inside rewritten code. The second caller starts later, so FIFO never
/// interleaves the two; exploration does, because every rewritten wait and read is a scheduling point.
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

    private const int HeadStart = 12;

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
            Simulation.Run(seed, SingleFetch(fetches, HeadStart)).Failure.ShouldBeNull($"seed {seed}");
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

        Should.Throw<SimulationFailureException>(() => Simulation.Explore(SingleFetch(Build(method), HeadStart), options))
            .Message.ShouldContain("double fetch");
    }

    [Theory]
    [InlineData("SemaphoreFetchesAsync")]
    [InlineData("ChannelFetchesAsync")]
    public void Race_Exploration_100SeedsTwice_SameHashes(string method)
    {
        Func<int, Task<int>> fetches = Build(method);
        for (ulong seed = 0; seed < 100; seed++)
        {
            SimulationRun one = Simulation.Run(seed, (_, _) => fetches(HeadStart), new SimulationOptions { Strategy = new RandomStrategy(seed) });
            SimulationRun two = Simulation.Run(seed, (_, _) => fetches(HeadStart), new SimulationOptions { Strategy = new RandomStrategy(seed) });

            one.Failure.ShouldBeNull($"seed {seed}");
            two.Trace.Hash().ShouldBe(one.Trace.Hash(), $"seed {seed}");
        }
    }
}
