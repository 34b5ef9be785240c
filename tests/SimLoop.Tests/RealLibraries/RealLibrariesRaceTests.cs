using SimLoop.Tests.RealLibraries.Cases;
using SimLoop.Tests.RealLibraries.Races;
using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.RealLibraries;

/// <summary>
/// Control, not only determinism: the <see cref="StockRace"/> through Polly, <c>SemaphoreSlim.WaitAsync(token)</c>,
/// a channel and <see cref="HttpClient"/> needs a reordering of steps (adopted framework hops among them) to fail.
/// Exploration (the default portfolio) finds it within 100 iterations; FIFO never does, over 300 seeds.
/// </summary>
public sealed class RealLibrariesRaceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Races => new(s_bodies.Keys);

    private static readonly Dictionary<string, Func<SimulatedEventLoop, CancellationToken, Task>> s_bodies = new(StringComparer.Ordinal)
    {
        ["polly"] = StockRaceBodies.PollyAsync,
        ["semaphore"] = StockRaceBodies.SemaphoreAsync,
        ["channel"] = StockRaceBodies.ChannelAsync,
        ["httpclient"] = StockRaceBodies.HttpClientAsync,
    };

    [Theory]
    [MemberData(nameof(Races))]
    public void StockRace_Explored_IsFoundWithinAHundredIterations(string name)
    {
        var options = new ExplorationOptions { Iterations = 100, Shrink = false, FailureFolder = null, HonourEnvironment = false };
        SimulationFailureException failure = Should.Throw<SimulationFailureException>(() => SimLoop.Simulation.Explore(s_bodies[name], options, name));
        failure.Report.Exception.ShouldBeOfType<InvalidOperationException>().Message.ShouldStartWith("oversold");
        output.WriteLine($"{name}: found in iteration {failure.Report.Iteration} ({failure.Report.Strategy})");
    }

    [Theory]
    [MemberData(nameof(Races))]
    public void StockRace_UnderFifo_IsNeverFound_OverThreeHundredSeeds(string name)
    {
        for (ulong seed = 0; seed < 300; seed++)
        {
            SimulationRun run = SimLoop.Simulation.Run(seed, s_bodies[name]);
            run.Failure.ShouldBeNull($"seed {seed}: {run.Failure}");
        }
    }

    [Theory]
    [MemberData(nameof(Races))]
    public void StockRace_WithoutAdoption_DoesNotRunToAResult(string name)
    {
        // The control above comes from adoption: without it these libraries' framework hops leave the loop. The
        // channel's ReadAllAsync hop is then reported as a deadlock, not as an escape: with no escape grace (the
        // default now) the loop finds nothing ready before the escaped continuation reports itself (a core issue).
        SimulationRun run = SimLoop.Simulation.Run(0, s_bodies[name], new SimulationOptions { AdoptThreadPoolWork = false });
        Exception failure = run.Failure.ShouldNotBeNull();
        failure.GetType().ShouldBeOneOf(typeof(UncontrolledConcurrencyException), typeof(DeadlockException));
    }
}
