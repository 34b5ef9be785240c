using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

/// <summary>Coverage counts distinct behaviours per iteration: by trace shape, or by the state a run reports.</summary>
public sealed class CoverageTests
{
    [Fact]
    public void A_body_that_always_does_the_same_has_one_behaviour_and_nothing_new_after_the_first_iteration()
    {
        ExplorationResult result = Simulation.Explore(RacyBodies.LostUpdate, Options(ExplorationStrategy.Fifo, 50));
        result.Coverage.DistinctBehaviours.ShouldBe(1);
        result.Coverage.NewInLastWindow.ShouldBe(0);
        result.Coverage.DistinctAfter.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public void Different_interleavings_are_different_trace_shapes_with_times_dropped()
    {
        ExplorationResult result = Simulation.Explore(RacyBodies.LostUpdate, Options(ExplorationStrategy.Random, 50));
        result.Coverage.DistinctBehaviours.ShouldBeGreaterThan(1);
        result.Coverage.DistinctBehaviours.ShouldBeLessThan(50, "the two tasks have few orders; equal orders have equal shapes");
    }

    [Fact]
    public void A_reported_state_key_replaces_the_trace_shape_and_the_count_saturates()
    {
        Task Body(SimulatedEventLoop loop, CancellationToken ct)
        {
            loop.ObserveState((ulong)loop.Random.Next(3));
            return Task.CompletedTask;
        }

        ExplorationResult result = Simulation.Explore(Body, Options(ExplorationStrategy.Random, 100));
        result.Coverage.DistinctBehaviours.ShouldBe(3);
        result.Coverage.Window.ShouldBe(10);
        result.Coverage.NewInLastWindow.ShouldBe(0);
        result.Coverage.DistinctAfter.Count.ShouldBe(100);
        result.Coverage.DistinctAfter[^1].ShouldBe(3);
    }

    [Fact]
    public void Coverage_and_its_growth_do_not_depend_on_parallelism_and_progress_reports_it()
    {
        var progress = new List<ExplorationProgress>();
        ExplorationOptions sequential = Options(ExplorationStrategy.Portfolio, 60);
        sequential.Progress = progress.Add;
        ExplorationOptions parallel = Options(ExplorationStrategy.Portfolio, 60);
        parallel.DegreeOfParallelism = 2;

        ExplorationResult one = Simulation.Explore(RacyBodies.CheckThenAct, sequential);
        ExplorationResult two = Simulation.Explore(RacyBodies.CheckThenAct, parallel);
        two.Coverage.DistinctAfter.ShouldBe(one.Coverage.DistinctAfter);
        progress[^1].DistinctBehaviours.ShouldBe(one.Coverage.DistinctBehaviours);
        progress[^1].NewInLastWindow.ShouldBe(one.Coverage.NewInLastWindow);
        progress.Select(p => p.DistinctBehaviours).ShouldBe(one.Coverage.DistinctAfter.Select(n => (long)n));
    }

    private static ExplorationOptions Options(ExplorationStrategy strategy, int iterations) => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        StopOnFirstFailure = false,
        ThrowOnFailure = false,
        FailureFolder = null,
        HonourEnvironment = false,
        Shrink = false,
    };
}
