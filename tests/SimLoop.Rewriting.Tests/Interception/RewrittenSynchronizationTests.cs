using System.Reflection;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Interception;

/// <summary>
/// SemaphoreSlim and channel reads in rewritten code: the framework's hops are gone, the semantics stay. Not rewritten,
/// only thread-pool adoption keeps those hops on the loop: with it off, they escape.
/// </summary>
public sealed class RewrittenSynchronizationTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;
        public static class Sync
        {
            // Ping-pong through SemaphoreSlim.WaitAsync(token): the hand-off the framework completes on the pool.
            public static async Task<int> PingPongAsync(int rounds)
            {
                using var cts = new CancellationTokenSource();
                var ping = new SemaphoreSlim(0);
                var pong = new SemaphoreSlim(0);
                int hits = 0;
                async Task PongerAsync()
                {
                    for (int i = 0; i < rounds; i++) { await ping.WaitAsync(cts.Token); hits++; pong.Release(); }
                }
                Task ponger = PongerAsync();
                for (int i = 0; i < rounds; i++) { ping.Release(); await pong.WaitAsync(cts.Token); }
                await ponger;
                return hits;
            }

            public static async Task<bool> TimesOutAsync()
            {
                var never = new SemaphoreSlim(0);
                return await never.WaitAsync(TimeSpan.FromSeconds(5));
            }

            public static async Task<bool> CancelledAsync()
            {
                var never = new SemaphoreSlim(0);
                using var cts = new CancellationTokenSource();
                cts.CancelAfter(TimeSpan.FromSeconds(3));
                try { await never.WaitAsync(cts.Token); return false; }
                catch (OperationCanceledException e) when (e.CancellationToken == cts.Token) { return true; }
            }

            public static async Task<string> ProduceConsumeAsync(int count)
            {
                var channel = Channel.CreateUnbounded<int>();
                using var cts = new CancellationTokenSource();
                async Task ProduceAsync()
                {
                    for (int i = 0; i < count; i++) { await Task.Delay(TimeSpan.FromMilliseconds(3)); channel.Writer.TryWrite(i); }
                    channel.Writer.Complete();
                }
                Task producer = ProduceAsync();
                var seen = new List<int>();
                await foreach (int item in channel.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false)) { seen.Add(item); }
                await producer.ConfigureAwait(false);
                return string.Join(",", seen);
            }
        }
        """;

    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    private Assembly Build(bool rewrite)
    {
        string input = _compiler.Compile("Sync", Source);
        if (!rewrite)
        {
            return SnippetCompiler.Load(input);
        }

        string output = Path.Combine(_compiler.Directory, "out", "Sync.dll");
        new AssemblyRewriter().Rewrite(input, output).Diagnostics.ShouldBeEmpty();
        return SnippetCompiler.Load(output);
    }

    [Fact]
    public void SemaphoreWaitWithToken_NotRewrittenAdoptionOff_Escapes()
    {
        var pingPong = SnippetCompiler.Method<Func<int, Task<int>>>(Build(rewrite: false), "Sync", "PingPongAsync");

        EscapingRun.Failure(_ => pingPong(3)).ShouldBeOfType<UncontrolledConcurrencyException>();
    }

    [Fact]
    public void SemaphoreWaitWithToken_Rewritten_100SeedsNoEscapeSameHash()
    {
        var pingPong = SnippetCompiler.Method<Func<int, Task<int>>>(Build(rewrite: true), "Sync", "PingPongAsync");
        for (ulong seed = 0; seed < 100; seed++)
        {
            int hits = 0;
            var options = new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) };
            SimulationRun one = Simulation.Run(seed, async (_, _) => hits = await pingPong(5), options);
            SimulationRun two = Simulation.Run(seed, (_, _) => pingPong(5), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });

            one.Failure.ShouldBeNull($"seed {seed}");
            hits.ShouldBe(5);
            two.Trace.Hash().ShouldBe(one.Trace.Hash(), $"seed {seed}");
        }
    }

    [Fact]
    public void SemaphoreWaitTimeoutAndCancelAfter_Rewritten_HappenInVirtualTime()
    {
        Assembly assembly = Build(rewrite: true);
        var timesOut = SnippetCompiler.Method<Func<Task<bool>>>(assembly, "Sync", "TimesOutAsync");
        var cancelled = SnippetCompiler.Method<Func<Task<bool>>>(assembly, "Sync", "CancelledAsync");
        bool entered = true, sawCancel = false;

        SimulationRun run = Simulation.Run(0, async (_, _) =>
        {
            entered = await timesOut();
            sawCancel = await cancelled();
        });

        run.Failure.ShouldBeNull();
        entered.ShouldBeFalse();
        sawCancel.ShouldBeTrue();
        run.VirtualTime.ShouldBe(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Semaphore_RewrittenOutsideSimulation_BehavesAsBefore()
    {
        Assembly assembly = Build(rewrite: true);

        (await SnippetCompiler.Method<Func<int, Task<int>>>(assembly, "Sync", "PingPongAsync")(10)).ShouldBe(10);
    }

    [Fact]
    public void ReadAllAsyncWithToken_Rewritten_NoEscapeEveryItemInOrder()
    {
        var produce = SnippetCompiler.Method<Func<int, Task<string>>>(Build(rewrite: true), "Sync", "ProduceConsumeAsync");
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (ulong seed = 0; seed < 100; seed++)
        {
            string? seen = null;
            SimulationRun one = Simulation.Run(seed, async (_, _) => seen = await produce(6), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });
            SimulationRun two = Simulation.Run(seed, (_, _) => produce(6), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });

            one.Failure.ShouldBeNull($"seed {seed}");
            seen.ShouldBe("0,1,2,3,4,5");
            two.Trace.Hash().ShouldBe(one.Trace.Hash());
            hashes.Add(one.Trace.Hash());
        }
    }

    [Fact]
    public void ReadAllAsyncWithToken_NotRewrittenAdoptionOff_Escapes()
    {
        var produce = SnippetCompiler.Method<Func<int, Task<string>>>(Build(rewrite: false), "Sync", "ProduceConsumeAsync");

        EscapingRun.Failure(_ => produce(3)).ShouldBeOfType<UncontrolledConcurrencyException>();
    }
}
