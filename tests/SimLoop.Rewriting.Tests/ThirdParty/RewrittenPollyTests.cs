using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace SimLoop.Rewriting.Tests.ThirdParty;

/// <summary>
/// Polly.Core (a package: ConfigureAwait(false) on every await), rewritten by this project's MSBuild integration,
/// in a retry + circuit-breaker + timeout pipeline with default options on the loop's TimeProvider.
/// </summary>
public sealed class RewrittenPollyTests
{
    private static ResiliencePipeline Pipeline(SimulatedEventLoop loop) =>
        new ResiliencePipelineBuilder { TimeProvider = loop.TimeProvider }
            .AddRetry(new RetryStrategyOptions())
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions())
            .AddTimeout(new TimeoutStrategyOptions())
            .Build();

    /// <summary>A reply that another loop task (the "server") sends after a few steps; the first calls fail.</summary>
    private static Task<string> CallServer(SimulatedEventLoop loop, int attempt, int failures)
    {
        var reply = new TaskCompletionSource<string>();
        loop.CreateTask(async _ =>
        {
            await Task.Yield();
            if (attempt <= failures)
            {
                reply.SetException(new InvalidOperationException($"busy (attempt {attempt})"));
            }
            else
            {
                reply.SetResult($"ok after {attempt}");
            }
        }, "server");
        return reply.Task;
    }

    [Fact]
    public void PollyCore_InOutputFolder_IsRewritten()
    {
        AssemblyRewriter.IsRewritten(typeof(ResiliencePipeline).Assembly.Location).ShouldBeTrue();
    }

    [Fact]
    public void Pipeline_DefaultOptions_100SeedsTwice_NoEscapeSameHashExpectedResult()
    {
        for (ulong seed = 0; seed < 100; seed++)
        {
            string? first = null;
            Func<SimulatedEventLoop, CancellationToken, Task> body = async (loop, ct) =>
            {
                ResiliencePipeline pipeline = Pipeline(loop);
                int attempt = 0;
                first = await pipeline.ExecuteAsync(async token => await CallServer(loop, ++attempt, failures: 2), ct);
            };

            SimulationRun one = Simulation.Run(seed, body, new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });
            SimulationRun two = Simulation.Run(seed, body, new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });

            one.Failure.ShouldBeNull($"seed {seed}");
            two.Failure.ShouldBeNull($"seed {seed}");
            first.ShouldBe("ok after 3");
            two.Trace.Hash().ShouldBe(one.Trace.Hash(), $"seed {seed}");
            one.VirtualTime.ShouldBe(TimeSpan.FromSeconds(4), "two default retry delays of 2 s, in virtual time");
        }
    }

    /// <summary>
    /// Check-then-act across the pipeline call: two callers fill one cache entry. Tasks advance one step per loop
    /// iteration, and the first caller's check and act are <see cref="HeadStart"/> steps apart (the check's step
    /// enters the pipeline and creates the server task; the server yields in its first step and replies in its second;
    /// the caller resumes with the reply in the step after, the rewritten pipeline adding none). The second caller
    /// starts exactly that late, so its check falls in the iteration of the first caller's act, queued after it: FIFO
    /// never double-fetches, another order does.
    /// </summary>
    private static Func<SimulatedEventLoop, CancellationToken, Task> RacyCache(int headStart) => async (loop, ct) =>
    {
        ResiliencePipeline pipeline = Pipeline(loop);
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        int fetches = 0;

        async Task GetAsync(int yields)
        {
            for (int i = 0; i < yields; i++)
            {
                await Task.Yield();
            }

            if (!cache.ContainsKey("k"))
            {
                fetches++;
                cache["k"] = await pipeline.ExecuteAsync(async token => await CallServer(loop, 1, failures: 0), ct);
            }
        }

        LoopTask a = loop.CreateTask(_ => GetAsync(0), "a"), b = loop.CreateTask(_ => GetAsync(headStart), "b");
        await a;
        await b;
        if (fetches != 1)
        {
            throw new InvalidOperationException($"double fetch: {fetches} fetches for one key");
        }
    };

    private const int HeadStart = 3;

    [Fact]
    public void RacyCache_FifoOver300Seeds_NeverDoubleFetches()
    {
        for (ulong seed = 0; seed < 300; seed++)
        {
            Simulation.Run(seed, RacyCache(HeadStart)).Failure.ShouldBeNull($"seed {seed}");
        }
    }

    [Fact]
    public void RacyCache_WithoutHeadStart_FifoDoubleFetches()
    {
        Simulation.Run(0, RacyCache(0)).Failure.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("double fetch");
    }

    [Fact]
    public void RacyCache_Exploration_FindsTheDoubleFetchWithin100Iterations()
    {
        var options = new ExplorationOptions { Iterations = 100, FailureFolder = null, HonourEnvironment = false };

        Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyCache(HeadStart), options)).Message.ShouldContain("double fetch");
    }
}
