using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.Catalogue;

/// <summary>Every scenario's bug is found within its documented budget, and its fix survives 2,000 iterations.</summary>
public sealed class CatalogueTests
{
    public static readonly TheoryData<string> Scenarios = new(Catalog().All.Select(s => s.Name).Except(StorageScenarioTests.Names));

    [Fact]
    public void The_catalogue_has_the_eleven_scenarios()
    {
        Catalog().All.Select(s => s.Name).ShouldBe(
            ["aspnet-payments", "async-deadlock", "chat-server", "double-booking", "kv-replication", "leader-election", "lost-update", "retry-duplicate", "stale-cache", "torn-write", "wal-kv"]);
        Catalog().All.ShouldAllBe(s => s.Description.Length > 0 && s.Budget > 0);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_default_exploration_finds_the_bug_within_the_budget_for_ten_base_seeds(string name)
    {
        RunSettings settings = Settings(name, fixedVariant: false);
        for (ulong baseSeed = 1; baseSeed <= 10; baseSeed++)
        {
            ExplorationOptions options = Quiet(settings.ExplorationOptions());
            options.Iterations = settings.Scenario.Budget;
            options.BaseSeed = baseSeed;
            ExplorationResult result = Simulation.Explore(settings.Scenario.Body(false), options, name);
            result.Failures.ShouldNotBeEmpty($"{name}: no bug in {options.Iterations} iterations from base seed {baseSeed}");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_fixed_variant_passes_two_thousand_iterations(string name)
    {
        RunSettings settings = Settings(name, fixedVariant: true);
        ExplorationOptions options = Quiet(settings.ExplorationOptions());
        options.Iterations = 2000;
        ExplorationResult result = Simulation.Explore(settings.Scenario.Body(true), options, name);
        result.Failures.ShouldBeEmpty(result.Failures.Count > 0 ? result.Failures[0].ToString() : "");
        result.IterationsRun.ShouldBe(2000);
    }

    [Fact]
    public void Double_booking_passes_in_fifo_order_on_every_seed_and_needs_an_interleaving()
    {
        RunSettings fifo = new(Settings("double-booking", fixedVariant: false).Scenario, false, ExplorationStrategy.Fifo, 3, null, null, null);
        ExplorationOptions plain = Quiet(fifo.ExplorationOptions());
        plain.Iterations = 300;
        Simulation.Explore(fifo.Scenario.Body(false), plain, "double-booking").Failures.ShouldBeEmpty();

        RunSettings settings = Settings("double-booking", fixedVariant: false);
        ExplorationOptions options = Quiet(settings.ExplorationOptions());
        options.Iterations = settings.Scenario.Budget;
        options.Shrink = true;
        FailureReport failure = Simulation.Explore(settings.Scenario.Body(false), options, "double-booking").Failures.ShouldHaveSingleItem();
        failure.MinimizedChoices.ShouldContain(choice => choice != 0, "a FIFO schedule passes, so the minimised one must deviate from it");
        SimulationRun replay = Simulation.Replay(failure.Seed, failure.MinimizedChoices, settings.Scenario.Body(false), settings.ExplorationOptions().Simulation);
        replay.Failure.ShouldBeOfType<InvariantViolationException>().Message.ShouldStartWith("double booking");
    }

    internal static ScenarioCatalog Catalog() => new([typeof(CommandLineApp).Assembly]);

    internal static RunSettings Settings(string name, bool fixedVariant)
    {
        Catalog().TryFind(name, out ScenarioDefinition? scenario).ShouldBeTrue();
        return new RunSettings(scenario!, fixedVariant, ExplorationStrategy.Portfolio, 3, null, null, null);
    }

    private static ExplorationOptions Quiet(ExplorationOptions options)
    {
        options.DegreeOfParallelism = 2;
        options.Shrink = false;
        options.ThrowOnFailure = false;
        options.FailureFolder = null;
        return options;
    }
}
