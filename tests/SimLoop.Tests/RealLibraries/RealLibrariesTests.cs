using SimLoop.Tests.RealLibraries.Cases;
using SimLoop.Tests.RealLibraries.Races;
using SimLoop.Exploration;
using Shouldly;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.RealLibraries;

/// <summary>
/// Real .NET library code runs on the loop unchanged (issue 10's acceptance): each case of
/// <see cref="RealLibraryCases"/> ends with its expected result and no escape, gives one trace hash over 100 seeds
/// under FIFO, and runs the same twice for each of 100 seeds under a seeded random schedule. Framework hops the
/// libraries make are adopted thread-pool work.
/// </summary>
public sealed class RealLibrariesTests
{
    private const int Seeds = 100;

    public static TheoryData<string> CaseNames => new(RealLibraryCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_UnderFifo_GivesTheExpectedResult_AndOneTraceHashOverAHundredSeeds(string name)
    {
        RealLibraryCase realCase = RealLibraryCases.Named(name);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            (SimulationRun run, string? result, long adopted) = realCase.Run(seed);
            run.Failure.ShouldBeNull($"seed {seed}: {run.Failure}");
            result.ShouldBe(realCase.Expected, $"seed {seed}");
            (adopted > 0).ShouldBe(realCase.HopsThroughThePool, $"adopted {adopted} thread-pool items");
            hashes.Add(run.Trace.Hash());
        }

        hashes.ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_UnderSeededRandomSchedules_RunsTheSameTwicePerSeed_WithTheExpectedResult(string name)
    {
        RealLibraryCase realCase = RealLibraryCases.Named(name);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            string first = RunRandom(realCase, seed), second = RunRandom(realCase, seed);
            second.ShouldBe(first, $"seed {seed} ran differently twice");
            distinct.Add(first);
        }

        distinct.Count.ShouldBeGreaterThan(1, "random schedules should differ between seeds (the adopted steps are choices too)");
    }

    private static string RunRandom(RealLibraryCase realCase, ulong seed)
    {
        (SimulationRun run, string? result, _) = realCase.Run(seed, new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });
        run.Failure.ShouldBeNull($"seed {seed}: {run.Failure}");
        result.ShouldBe(realCase.Expected, $"seed {seed}");
        return run.Trace.Hash();
    }
}
