using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

public sealed class BoundedExhaustiveSearchTests
{
    [Theory]
    [MemberData(nameof(RacyBodies.Names), MemberType = typeof(RacyBodies))]
    public void Exhaustive_FindsEachRacyBody(string body)
    {
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Exhaustive, 500);
        options.PreemptionBound = 3;
        var ex = Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.ByName(body), options));
        ex.Report.Exception.ShouldBeOfType(RacyBodies.ExpectedFailure(body));
        SimulationRun replay = Simulation.Replay(ex.Report.Seed, ex.Report.MinimizedChoices, RacyBodies.ByName(body), options.Simulation);
        replay.Failure.ShouldBeOfType(RacyBodies.ExpectedFailure(body));
    }

    [Fact]
    public void Exhaustive_LostUpdateNeedsOnePreemption()
    {
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Exhaustive, 500);
        options.PreemptionBound = 0; // FIFO only: A's write runs before B's read in the iteration they share
        ExplorationResult result = Simulation.Explore(RacyBodies.LostUpdate, options);
        result.Passed.ShouldBeTrue();
        result.IterationsRun.ShouldBeLessThan(500); // the space within the bound was exhausted
        options.PreemptionBound = 1; // B's read before A's older write step
        Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.LostUpdate, options));
    }

    [Fact]
    public void Exhaustive_VisitsDistinctSchedules_AndTerminatesOnAPassingBody()
    {
        var hashes = new List<string>();
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Exhaustive, 10_000);
        options.Simulation.RecordTrace = true;
        int runs = 0;
        options.Progress = _ => runs++;
        ExplorationResult result = Simulation.Explore(SimLoop.Tests.Scheduling.ChoiceListStrategyTests.Workers(2), options);
        result.Passed.ShouldBeTrue();
        result.IterationsRun.ShouldBe(runs);
        result.IterationsRun.ShouldBeGreaterThan(1);
        result.IterationsRun.ShouldBeLessThan(10_000);
    }
}
