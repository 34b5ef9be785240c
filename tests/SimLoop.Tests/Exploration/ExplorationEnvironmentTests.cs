using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

/// <summary>
/// SIMLOOP_SEED / SIMLOOP_REPLAY apply only to the test SIMLOOP_TEST names. The environment is read through a
/// delegate over a dictionary, so no test mutates the real process environment.
/// </summary>
public sealed class ExplorationEnvironmentTests
{
    private const int Iterations = 12;

    [Fact]
    public void Explore_SeedSetForAnotherTest_RunsAllIterations()
    {
        var env = new Dictionary<string, string> { ["SIMLOOP_SEED"] = "5", ["SIMLOOP_TEST"] = "Tests.TestA" };
        var seeds = new List<ulong>();

        ExplorationResult result = Simulation.Explore(Recording(seeds), Options(), "Tests.TestB", env.GetValueOrDefault);

        result.IterationsRun.ShouldBe(Iterations);
        seeds.Distinct().Count().ShouldBe(Iterations);
        seeds.ShouldNotContain(5UL);
    }

    [Fact]
    public void Explore_SeedSetForThisTest_RunsOnlyThatSeed()
    {
        var env = new Dictionary<string, string> { ["SIMLOOP_SEED"] = "5", ["SIMLOOP_TEST"] = "Tests.TestA" };
        var seeds = new List<ulong>();

        ExplorationResult result = Simulation.Explore(Recording(seeds), Options(), "Tests.TestA", env.GetValueOrDefault);

        result.IterationsRun.ShouldBe(1);
        seeds.ShouldBe([5UL]);
    }

    [Fact]
    public void Explore_TwoTestsOfOneRun_OnlyTheNamedOneIsNarrowed()
    {
        var env = new Dictionary<string, string> { ["SIMLOOP_SEED"] = "5", ["SIMLOOP_TEST"] = "Tests.TestA" };
        var seedsOfA = new List<ulong>();
        var seedsOfB = new List<ulong>();

        Simulation.Explore(Recording(seedsOfA), Options(), "Tests.TestA", env.GetValueOrDefault);
        Simulation.Explore(Recording(seedsOfB), Options(), "Tests.TestB", env.GetValueOrDefault);

        seedsOfA.ShouldBe([5UL]);
        seedsOfB.Count.ShouldBe(Iterations);
    }

    [Fact]
    public void Explore_SeedWithoutTestName_AppliesToEveryExploration()
    {
        var env = new Dictionary<string, string> { ["SIMLOOP_SEED"] = "5" };
        var seeds = new List<ulong>();

        Simulation.Explore(Recording(seeds), Options(), "Tests.TestA", env.GetValueOrDefault);
        Simulation.Explore(Recording(seeds), Options(), "Tests.TestB", env.GetValueOrDefault);

        seeds.ShouldBe([5UL, 5UL]);
    }

    [Fact]
    public void Explore_ReplayFileForAnotherTest_IsIgnored()
    {
        string missing = Path.Combine(Path.GetTempPath(), "simloop-tests", "no-such-trace.json");
        var env = new Dictionary<string, string> { ["SIMLOOP_REPLAY"] = missing, ["SIMLOOP_TEST"] = "Tests.TestA" };
        var seeds = new List<ulong>();

        ExplorationResult result = Simulation.Explore(Recording(seeds), Options(), "Tests.TestB", env.GetValueOrDefault);

        result.IterationsRun.ShouldBe(Iterations);
    }

    [Fact]
    public void Explore_MalformedSeedForAnotherTest_IsIgnored()
    {
        var env = new Dictionary<string, string> { ["SIMLOOP_SEED"] = "12abc", ["SIMLOOP_TEST"] = "Tests.TestA" };

        Simulation.Explore(Recording([]), Options(), "Tests.TestB", env.GetValueOrDefault).IterationsRun.ShouldBe(Iterations);
        Should.Throw<FormatException>(() => Simulation.Explore(Recording([]), Options(), "Tests.TestA", env.GetValueOrDefault))
            .Message.ShouldContain("SIMLOOP_SEED");
    }

    [Fact]
    public void ReplayLine_NamesSeedAndTest_AndItsVariablesRerunThatSeedOfThatTestOnly()
    {
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Random, 200);
        options.HonourEnvironment = true;
        FailureReport found = Should.Throw<SimulationFailureException>(
            () => Simulation.Explore(RacyBodies.LostUpdate, options, "Tests.LostUpdate", _ => null)).Report;

        found.ReplayLine.ShouldBe($"SIMLOOP_SEED={found.Seed} SIMLOOP_TEST=Tests.LostUpdate dotnet test --filter \"FullyQualifiedName~Tests.LostUpdate\"");
        Dictionary<string, string> env = VariablesOf(found.ReplayLine);
        FailureReport rerun = Should.Throw<SimulationFailureException>(
            () => Simulation.Explore(RacyBodies.LostUpdate, options, "Tests.LostUpdate", env.GetValueOrDefault)).Report;
        rerun.Seed.ShouldBe(found.Seed);
        rerun.Iteration.ShouldBeNull();

        var seedsOfOther = new List<ulong>();
        Simulation.Explore(Recording(seedsOfOther), Options(), "Tests.Other", env.GetValueOrDefault);
        seedsOfOther.Count.ShouldBe(Iterations);
    }

    [Fact]
    public void ReplayFileLine_NamesFileAndTest_AndItsVariablesReplayThatTestOnly()
    {
        string folder = Path.Combine(Path.GetTempPath(), "simloop-tests", Path.GetRandomFileName());
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Random, 200);
        options.HonourEnvironment = true;
        options.FailureFolder = folder;
        FailureReport found = Should.Throw<SimulationFailureException>(
            () => Simulation.Explore(RacyBodies.LostUpdate, options, "Tests.LostUpdate", _ => null)).Report;

        found.ReplayFileLine.ShouldBe($"SIMLOOP_REPLAY={found.TraceFilePath} SIMLOOP_TEST=Tests.LostUpdate dotnet test --filter \"FullyQualifiedName~Tests.LostUpdate\"");
        Dictionary<string, string> env = VariablesOf(found.ReplayFileLine!);
        FailureReport replayed = Should.Throw<SimulationFailureException>(
            () => Simulation.Explore(RacyBodies.LostUpdate, options, "Tests.LostUpdate", env.GetValueOrDefault)).Report;
        replayed.Trace.Hash().ShouldBe(found.MinimizedTrace.Hash());
        Simulation.Explore(Recording([]), Options(), "Tests.Other", env.GetValueOrDefault).IterationsRun.ShouldBe(Iterations);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ReplayLine_TestNameWithSpaces_IsQuotedForTheShell()
    {
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Random, 200);
        FailureReport found = Should.Throw<SimulationFailureException>(
            () => Simulation.Explore(RacyBodies.LostUpdate, options, "Lost update (row 1)", _ => null)).Report;

        found.ReplayLine.ShouldContain("SIMLOOP_TEST='Lost update (row 1)' dotnet test");
    }

    private static Func<SimulatedEventLoop, CancellationToken, Task> Recording(List<ulong> seeds) => (loop, _) =>
    {
        seeds.Add(loop.Seed);
        return Task.CompletedTask;
    };

    private static ExplorationOptions Options()
    {
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Random, Iterations);
        options.HonourEnvironment = true;
        return options;
    }

    private static Dictionary<string, string> VariablesOf(string line) =>
        line.Split(' ').TakeWhile(word => word.Contains('=', StringComparison.Ordinal))
            .Select(word => word.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
}
