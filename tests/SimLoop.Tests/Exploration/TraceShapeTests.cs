using Shouldly;
using SimLoop.Exploration;
using SimLoop.Networking;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

/// <summary>The shape an explored run hashes while it records equals the shape read from its stored trace afterwards.</summary>
public sealed class TraceShapeTests
{
    public static TheoryData<string> Bodies => new() { "lost-update", "check-then-act", "one-byte" };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void The_shape_fed_while_recording_equals_the_shape_of_the_stored_trace(string name)
    {
        Func<SimulatedEventLoop, CancellationToken, Task> body = name switch
        {
            "lost-update" => RacyBodies.LostUpdate,
            "check-then-act" => RacyBodies.CheckThenAct,
            _ => OneByteDelivery.FailsWhen(LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(9)), _ => false),
        };
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var options = new SimulationOptions { Seed = seed, StrategyFactory = s => new SimLoop.Scheduling.RandomStrategy(s), TracksShape = true };
            SimulationRun run = Simulation.Execute(options, body);
            TraceShape tracked = run.Trace.Shape.ShouldNotBeNull();
            var afterwards = new TraceShape();
            for (int i = 0; i < run.Trace.StoredCount; i++)
            {
                afterwards.Add(run.Trace.StoredAt(i));
            }

            tracked.Close(run.Trace).ShouldBe(afterwards.Close(run.Trace), $"seed {seed}");
            run.Trace.StoredCount.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public void A_run_outside_exploration_does_not_track_its_shape()
    {
        SimulationRun run = Simulation.Execute(new SimulationOptions(), RacyBodies.LostUpdate);
        run.Trace.Shape.ShouldBeNull();
    }
}
