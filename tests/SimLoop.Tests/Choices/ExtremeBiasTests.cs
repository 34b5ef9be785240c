using Shouldly;
using SimLoop.Choices;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Choices;

using Simulation = SimLoop.Simulation;

/// <summary>A swarm profile with <see cref="SwarmProfile.Extremes"/> moves timing and fault draws to their extremes, as recorded choices.</summary>
public sealed class ExtremeBiasTests
{
    private const int Draws = 400;
    private const int Range = 1000;

    private static readonly SwarmProfile s_extremes = SwarmProfile.AsConfigured with { Extremes = true };

    [Fact]
    public void Extremes_move_about_a_quarter_of_the_latency_draws_to_the_ends_of_their_range()
    {
        var values = new Values();
        Simulation.Run(3, values.Body, new SimulationOptions { Swarm = s_extremes }).Failure.ShouldBeNull();
        var plain = new Values();
        Simulation.Run(3, plain.Body, new SimulationOptions()).Failure.ShouldBeNull();

        int atEnds = values.Latency.Count(v => v is 0 or Range - 1);
        atEnds.ShouldBeInRange(Draws / 8, Draws * 3 / 8, "a quarter, half at each end");
        values.Latency.Count(v => v == 0).ShouldBeGreaterThan(Draws / 20);
        values.Latency.Count(v => v == Range - 1).ShouldBeGreaterThan(Draws / 20);
        plain.Latency.Count(v => v is 0 or Range - 1).ShouldBeLessThan(5);
        values.User.ShouldBe(plain.User, "data the code under test draws is never biased");
    }

    [Fact]
    public void Extremes_make_a_configured_fault_fire_far_more_often_than_its_rate()
    {
        var values = new Values();
        Simulation.Run(5, values.Body, new SimulationOptions { Swarm = s_extremes }).Failure.ShouldBeNull();
        var plain = new Values();
        Simulation.Run(5, plain.Body, new SimulationOptions()).Failure.ShouldBeNull();

        values.Losses.ShouldBeInRange(Draws / 16, Draws / 5, "an eighth of the draws, plus the 1 % rate");
        plain.Losses.ShouldBeLessThan(Draws / 16);
    }

    [Fact]
    public void The_biased_values_are_the_recorded_choices_so_the_sequence_replays_them()
    {
        var values = new Values();
        SimulationRun run = Simulation.Run(7, values.Body, new SimulationOptions { Swarm = s_extremes });
        var replayed = new Values();
        SimulationRun replay = Simulation.ReplayChoices(run.ChoiceSequence, replayed.Body, new SimulationOptions { Seed = 8 });

        replay.Failure.ShouldBeNull();
        replayed.Latency.ShouldBe(values.Latency);
        replayed.Losses.ShouldBe(values.Losses);
        replayed.User.ShouldBe(values.User);
    }

    [Fact]
    public void The_profile_says_extremes_and_Draw_switches_it_on_for_about_half_the_seeds()
    {
        s_extremes.ToString().ShouldContain("extremes");
        int on = Enumerable.Range(0, 200).Count(seed => SwarmProfile.Draw((ulong)seed).Extremes);
        on.ShouldBeInRange(70, 130);
    }

    /// <summary>Draws from a latency stream, a loss stream (a 1 % fault) and the user's stream, as the network and user code would.</summary>
    private sealed class Values
    {
        public List<int> Latency { get; } = new();

        public List<int> User { get; } = new();

        public int Losses { get; private set; }

        public Task Body(SimulatedEventLoop loop, CancellationToken ct)
        {
            Random latency = loop.GetRandom(RandomStreams.NetworkLatency);
            Random loss = loop.GetRandom(RandomStreams.NetworkLoss);
            for (int i = 0; i < Draws; i++)
            {
                Latency.Add(latency.Next(0, Range));
                Losses += loss.NextDouble() >= 1 - 0.01 ? 1 : 0;
                User.Add(loop.Random.Next(0, Range));
            }

            return Task.CompletedTask;
        }
    }
}
