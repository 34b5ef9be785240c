using System.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SimLoop.Rewriting.TestLibrary;

namespace SimLoop.Rewriting.Tests.TestLibrary;

/// <summary>
/// The rewritten code's traces do not depend on the process or on the thread pool: the same hashes in a fresh
/// process, and with the pool saturated by long-running work items.
/// </summary>
[Collection(nameof(BusyThreadPoolCollection))]
public sealed class RewrittenDeterminismTests
{
    private const string HashFileVariable = "SIMLOOP_REWRITING_HASH_FILE";

    private static string[] Hashes()
    {
        var hashes = new List<string>();
        for (ulong seed = 0; seed < 10; seed++)
        {
            hashes.Add(Simulation.Run(seed, (_, ct) => HandOff.RunAsync(3, ct), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) }).Trace.Hash());
            hashes.Add(Simulation.Run(seed, async (_, _) => await Identifiers.TagAfterDelayAsync(), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) }).Trace.Hash());
            hashes.Add(Simulation.Run(seed, async (loop, ct) =>
            {
                ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = loop.TimeProvider }
                    .AddRetry(new RetryStrategyOptions()).AddTimeout(new TimeoutStrategyOptions()).Build();
                int attempt = 0;
                await pipeline.ExecuteAsync(async token =>
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(10), loop.TimeProvider, token);
                    if (++attempt < 2)
                    {
                        throw new InvalidOperationException("once");
                    }
                }, ct);
            }, new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) }).Trace.Hash());
        }

        return [.. hashes];
    }

    /// <summary>Run by <see cref="Hashes_InAFreshProcess_AreTheSame"/> in a child process; in this one it checks stability.</summary>
    [Fact]
    public void HashProbe_RunTwice_SameHashes()
    {
        string[] hashes = Hashes();
        Hashes().ShouldBe(hashes);
        if (Environment.GetEnvironmentVariable(HashFileVariable) is { Length: > 0 } file)
        {
            File.WriteAllLines(file, hashes);
        }
    }

    [Fact]
    public async Task Hashes_InAFreshProcess_AreTheSame()
    {
        string file = Path.Combine(Path.GetTempPath(), $"simloop-rewriting-hashes-{Environment.ProcessId}.txt");
        string testAssembly = typeof(RewrittenDeterminismTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(testAssembly);
        start.ArgumentList.Add("-method");
        start.ArgumentList.Add($"{typeof(RewrittenDeterminismTests).FullName}.{nameof(HashProbe_RunTwice_SameHashes)}");
        start.Environment[HashFileVariable] = file;
        try
        {
            using Process child = Process.Start(start)!;
            Task<string> output = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Task<string> errors = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await child.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                throw new TimeoutException("the child test process did not finish within 2 minutes");
            }

            child.ExitCode.ShouldBe(0, await output + await errors);
            File.ReadAllLines(file).ShouldBe(Hashes());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Hashes_With64LongRunningPoolItems_AreTheSameAsWithAnIdlePool()
    {
        string[] idle = Hashes();
        var release = new ManualResetEventSlim(); // not disposed: items that start after the test still wait on it
        for (int i = 0; i < 64; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                release.Wait(TimeSpan.FromMinutes(1)); // bounded: never outlives the test by more than a minute
            }, null);
        }

        try
        {
            var busy = new HashSet<string>(StringComparer.Ordinal);
            for (int run = 0; run < 20; run++)
            {
                busy.Add(string.Join(",", Hashes()));
            }

            busy.ShouldHaveSingleItem().ShouldBe(string.Join(",", idle));
        }
        finally
        {
            release.Set();
        }
    }
}

/// <summary>Tests that saturate the thread pool or start processes run alone.</summary>
[CollectionDefinition(nameof(BusyThreadPoolCollection), DisableParallelization = true)]
public sealed class BusyThreadPoolCollection
{
}
