using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scenarios.Tests.CommandLine;

namespace SimLoop.Scenarios.Tests.Catalogue;

/// <summary>The storage scenarios' bugs are found within their budgets, their fixes survive 2,000 iterations, and their traces are reproducible.</summary>
public sealed class StorageScenarioTests
{
    /// <summary>The scenarios built on SimLoop.Storage (CatalogueTests leaves them to this class).</summary>
    public static readonly string[] Names = ["torn-write", "wal-kv"];

    public static readonly TheoryData<string> Scenarios = new(Names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_default_exploration_finds_the_bug_within_the_budget_for_ten_base_seeds(string name)
    {
        RunSettings settings = CatalogueTests.Settings(name, fixedVariant: false);
        for (ulong baseSeed = 1; baseSeed <= 10; baseSeed++)
        {
            ExplorationOptions options = Quiet(settings.ExplorationOptions());
            options.Iterations = settings.Scenario.Budget;
            options.BaseSeed = baseSeed;
            ExplorationResult result = Simulation.Explore(settings.Scenario.Body(false), options, name);
            result.Failures.ShouldNotBeEmpty($"{name}: no bug in {options.Iterations} iterations from base seed {baseSeed}");
            result.Failures[0].Exception.ShouldBeOfType<InvariantViolationException>();
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_fixed_variant_passes_two_thousand_iterations(string name)
    {
        RunSettings settings = CatalogueTests.Settings(name, fixedVariant: true);
        ExplorationOptions options = Quiet(settings.ExplorationOptions());
        options.Iterations = 2000;
        ExplorationResult result = Simulation.Explore(settings.Scenario.Body(true), options, name);
        result.Failures.ShouldBeEmpty(result.Failures.Count > 0 ? result.Failures[0].ToString() : "");
        result.IterationsRun.ShouldBe(2000);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_same_seed_gives_the_same_trace_with_storage_entries(string name)
    {
        RunSettings settings = CatalogueTests.Settings(name, fixedVariant: false);
        SimulationRun first = Simulation.Run(11, settings.Scenario.Body(false), settings.ExplorationOptions().Simulation);
        SimulationRun second = Simulation.Run(11, settings.Scenario.Body(false), settings.ExplorationOptions().Simulation);

        second.Trace.Hash().ShouldBe(first.Trace.Hash());
        first.Trace.Entries.ShouldContain(e => e.Text != null && e.Text.StartsWith("storage ", StringComparison.Ordinal));
        first.Trace.Entries.ShouldContain(e => e.Text != null && e.Text.Contains(" crash ", StringComparison.Ordinal) && e.Text.StartsWith("storage ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_seed_replayed_in_two_new_processes_gives_the_same_trace_hash(string name)
    {
        string[] hashes = new string[2];
        for (int i = 0; i < hashes.Length; i++)
        {
            (int code, string output, string error) = await Task.Run(() => Cli.RunProcess("replay", name, "--seed", "11"))
                .WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            error.ShouldBeEmpty();
            code.ShouldBeOneOf(0, 1);
            hashes[i] = output.Split('\n').Single(line => line.StartsWith("trace hash:", StringComparison.Ordinal));
        }

        hashes[1].ShouldBe(hashes[0]);
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
