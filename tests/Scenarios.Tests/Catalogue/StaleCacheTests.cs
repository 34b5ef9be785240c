using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.Catalogue;

/// <summary>
/// stale-cache needs both an interleaving and a timing: FIFO never finds it, order-only strategies never find it on
/// the configured network, swarm timing without a reordering never finds it, and the default portfolio does (its
/// budget for base seeds 1-10 is checked with the rest of the catalogue in <see cref="CatalogueTests"/>).
/// </summary>
public sealed class StaleCacheTests
{
    private const string Name = "stale-cache";

    [Theory]
    [InlineData(ExplorationStrategy.Fifo)]
    [InlineData(ExplorationStrategy.Random)]
    [InlineData(ExplorationStrategy.Pct)]
    public void Strategies_that_vary_only_the_order_never_find_it_in_three_hundred_seeds(ExplorationStrategy strategy)
    {
        ExplorationResult result = Explore(strategy, 300, baseSeed: 0);
        result.Failures.ShouldBeEmpty();
        result.IterationsRun.ShouldBe(300);
    }

    [Fact]
    public void Swarm_finds_it_and_the_failing_run_has_a_slow_network_and_a_reordering()
    {
        ExplorationResult result = Explore(ExplorationStrategy.Swarm, 150, baseSeed: 0);
        FailureReport failure = result.Failures.ShouldHaveSingleItem();
        failure.Exception.ShouldBeOfType<InvariantViolationException>().Message.ShouldStartWith("stale cache:");
        failure.Swarm.ShouldNotBeNull().Latency.ShouldNotBe(LatencyProfile.AsConfigured);
        failure.OriginalChoices.ShouldContain(choice => choice != 0, "FIFO order passes on every timing: the run must deviate from it");

        // The same seed and profile in FIFO order passes: the timing alone is not enough.
        RunSettings settings = CatalogueTests.Settings(Name, fixedVariant: false);
        SimulationOptions fifo = settings.SimulationOptions();
        fifo.Swarm = failure.Swarm;
        Simulation.Run(failure.Seed, settings.Scenario.Body(false), fifo).Failed.ShouldBeFalse();
    }

    private static ExplorationResult Explore(ExplorationStrategy strategy, int iterations, ulong baseSeed)
    {
        RunSettings settings = CatalogueTests.Settings(Name, fixedVariant: false);
        ExplorationOptions options = settings.ExplorationOptions();
        options.Strategy = strategy;
        options.Iterations = iterations;
        options.BaseSeed = baseSeed;
        options.DegreeOfParallelism = 2;
        options.Shrink = false;
        options.ThrowOnFailure = false;
        options.FailureFolder = null;
        return Simulation.Explore(settings.Scenario.Body(false), options, Name);
    }
}
