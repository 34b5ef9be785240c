using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

public sealed class ExplorationFindsRacesTests
{
    [Theory]
    [MemberData(nameof(RacyBodies.Names), MemberType = typeof(RacyBodies))]
    public void Explore_Fifo_PassesRacyBodies(string body)
    {
        ExplorationResult result = Simulation.Explore(RacyBodies.ByName(body), RacyBodies.Options(ExplorationStrategy.Fifo, 20));
        result.Passed.ShouldBeTrue();
        result.IterationsRun.ShouldBe(20);
    }

    [Theory]
    [InlineData(nameof(RacyBodies.LostUpdate), ExplorationStrategy.Random, 20)]
    [InlineData(nameof(RacyBodies.CheckThenAct), ExplorationStrategy.Random, 20)]
    [InlineData(nameof(RacyBodies.LockOrderDeadlock), ExplorationStrategy.Random, 20)]
    [InlineData(nameof(RacyBodies.LostUpdate), ExplorationStrategy.Pct, 20)]
    [InlineData(nameof(RacyBodies.CheckThenAct), ExplorationStrategy.Pct, 20)]
    [InlineData(nameof(RacyBodies.LockOrderDeadlock), ExplorationStrategy.Pct, 20)]
    [InlineData(nameof(RacyBodies.LostUpdate), ExplorationStrategy.Portfolio, 20)]
    [InlineData(nameof(RacyBodies.LockOrderDeadlock), ExplorationStrategy.Portfolio, 20)]
    public void Explore_RandomAndPct_FindRaceWithinStatedIterations(string body, ExplorationStrategy strategy, int within)
    {
        var ex = Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.ByName(body), RacyBodies.Options(strategy, within)));
        ex.Report.Exception.ShouldBeOfType(RacyBodies.ExpectedFailure(body));
        ex.Report.Iteration!.Value.ShouldBeLessThan(within);
    }

    [Theory]
    [MemberData(nameof(RacyBodies.Names), MemberType = typeof(RacyBodies))]
    public void Report_Seed_ReproducesTheFailure100Times(string body)
    {
        FailureReport report = FindFailure(body, ExplorationStrategy.Random);
        for (int i = 0; i < 100; i++)
        {
            ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Random, 1);
            options.OnlySeed = report.Seed;
            options.ThrowOnFailure = false;
            options.Shrink = false;
            ExplorationResult again = Simulation.Explore(RacyBodies.ByName(body), options);
            again.Failures.Count.ShouldBe(1);
            again.Failures[0].Exception.GetType().ShouldBe(report.Exception.GetType());
            again.Failures[0].Trace.Hash().ShouldBe(report.Trace.Hash());
        }
    }

    [Theory]
    [MemberData(nameof(RacyBodies.Names), MemberType = typeof(RacyBodies))]
    public void Report_TraceFile_ReproducesTheFailure100Times(string body)
    {
        string folder = Path.Combine(Path.GetTempPath(), "simloop-tests", Path.GetRandomFileName());
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Pct, 50);
        options.FailureFolder = folder;
        FailureReport report = Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.ByName(body), options)).Report;
        File.Exists(report.TraceFilePath).ShouldBeTrue();
        ScheduleTraceFile file = ScheduleTraceFile.Read(report.TraceFilePath!);
        for (int i = 0; i < 100; i++)
        {
            SimulationRun run = Simulation.Replay(file, RacyBodies.ByName(body), options.Simulation);
            run.Failure.ShouldBeOfType(report.Exception.GetType());
            run.Trace.Hash().ShouldBe(file.TraceHash);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(RacyBodies.Names), MemberType = typeof(RacyBodies))]
    public void Report_MinimizedSchedule_IsNoLongerAndStillFails(string body)
    {
        FailureReport report = FindFailure(body, ExplorationStrategy.Random);
        report.MinimizedChoices.Count.ShouldBeLessThanOrEqualTo(report.OriginalChoices.Count);
        SimulationRun run = Simulation.Replay(report.Seed, report.MinimizedChoices, RacyBodies.ByName(body), RacyBodies.Options(ExplorationStrategy.Random, 1).Simulation);
        run.Failure.ShouldBeOfType(report.Exception.GetType());
    }

    [Fact]
    public void FailureMessage_HasSeedScheduleStringAndReplayLine()
    {
        FailureReport report = FindFailure(nameof(RacyBodies.LostUpdate), ExplorationStrategy.Random);
        string message = new SimulationFailureException(report).Message;
        message.ShouldContain($"seed {report.Seed}");
        message.ShouldContain(report.ScheduleText);
        report.ScheduleText.ShouldStartWith("v1:");
        message.ShouldContain($"SIMLOOP_SEED={report.Seed} SIMLOOP_TEST=FindFailure dotnet test --filter \"FullyQualifiedName~FindFailure\"");
    }

    internal static FailureReport FindFailure(string body, ExplorationStrategy strategy) =>
        Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.ByName(body), RacyBodies.Options(strategy, 200))).Report;
}
