using Shouldly;
using SimLoop.Choices;
using SimLoop.Exploration;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scheduling;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Scheduling;

using Simulation = SimLoop.Simulation;

/// <summary>PCT over deliveries: change points fall on the network's latency draws as well as on decisions.</summary>
public sealed class PctDeliveriesTests
{
    private static readonly TimeSpan s_max = TimeSpan.FromMilliseconds(10);

    /// <summary>Fails only when the data byte takes its link's largest latency (1 in 90,001 for a uniform draw).</summary>
    private static readonly Func<SimulatedEventLoop, CancellationToken, Task> s_slowestDeliveryFails =
        OneByteDelivery.FailsWhen(LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), s_max), took => took >= s_max);

    [Fact]
    public void A_change_point_on_a_delivery_gives_it_the_largest_value_and_counts_it_as_an_event()
    {
        var pct = new PctStrategy(1, depth: 2, expectedSteps: 1, deliveries: true);
        IChoiceBias bias = pct;
        pct.ChangePoints.ShouldBe([1]);

        bias.Bias(RandomStreams.User, ChoiceKind.Integer, 10, 3).ShouldBe(3UL, "only latency draws are deliveries");
        bias.Bias(RandomStreams.NetworkLatency, ChoiceKind.Integer, 10, 3).ShouldBe(9UL, "event 1 is the change point");
        bias.Bias(RandomStreams.NetworkLatency, ChoiceKind.Integer, 10, 3).ShouldBe(3UL);
        pct.DelayedDeliveries.ShouldBe(1);
        pct.Description.ShouldEndWith(",deliveries)");
    }

    [Fact]
    public void Without_deliveries_the_strategy_never_moves_a_draw()
    {
        IChoiceBias bias = new PctStrategy(1, depth: 2, expectedSteps: 1);
        bias.Bias(RandomStreams.NetworkLatency, ChoiceKind.Integer, 10, 3).ShouldBe(3UL);
    }

    [Fact]
    public void Pct_over_deliveries_finds_a_bug_that_needs_the_slowest_delivery_and_the_run_replays_from_its_choices()
    {
        List<SimulationRun> failing = Runs(deliveries: true).Where(r => r.Failure is not null).ToList();
        Runs(deliveries: false).ShouldAllBe(r => r.Failure == null, "order-only PCT leaves the seed's latency draws alone");

        failing.Count.ShouldBeGreaterThan(3, "a change point falls on the data byte's delivery for some seeds");
        SimulationRun replay = Simulation.ReplayChoices(failing[0].ChoiceSequence, s_slowestDeliveryFails, new SimulationOptions { Seed = 12345 });
        replay.Failure.ShouldBeOfType<TimeoutException>();
        replay.Trace.Hash().ShouldBe(failing[0].Trace.Hash());
    }

    private static IEnumerable<SimulationRun> Runs(bool deliveries)
    {
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var pct = new PctStrategy(seed, depth: 2, expectedSteps: 8, deliveries);
            var options = new SimulationOptions { StrategyFactory = _ => pct, ChoiceBias = deliveries ? pct : null };
            yield return Simulation.Run(seed, s_slowestDeliveryFails, options);
        }
    }
}
