using Shouldly;
using SimLoop.Exploration;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

/// <summary>Swarm testing varies timing and faults per iteration; order-only strategies do not.</summary>
public sealed class SwarmTests
{

    /// <summary>
    /// A timing-only bug: on the configured 1 ms link a byte always arrives in 1 ms, so any task order passes; it
    /// fails when the byte takes more than 3 ms.
    /// </summary>
    private static readonly Func<SimulatedEventLoop, CancellationToken, Task> s_slowDeliveryFails =
        OneByteDelivery.FailsWhen(LatencyModel.Fixed(TimeSpan.FromMilliseconds(1)), took => took > TimeSpan.FromMilliseconds(3));

    [Theory]
    [InlineData(ExplorationStrategy.Fifo)]
    [InlineData(ExplorationStrategy.Random)]
    [InlineData(ExplorationStrategy.Pct)]
    public void Order_strategies_never_find_a_bug_that_needs_a_slow_network(ExplorationStrategy strategy)
    {
        ExplorationResult result = Simulation.Explore(s_slowDeliveryFails, Options(strategy, 200));
        result.Failures.ShouldBeEmpty();
    }

    [Fact]
    public void Swarm_finds_a_bug_that_needs_a_slow_network_and_reports_the_profile()
    {
        ExplorationResult result = Simulation.Explore(s_slowDeliveryFails, Options(ExplorationStrategy.Swarm, 200));
        FailureReport failure = result.Failures.ShouldHaveSingleItem();
        failure.Exception.ShouldBeOfType<TimeoutException>();
        failure.Swarm.ShouldNotBeNull().Latency.ShouldBeOneOf(LatencyProfile.High, LatencyProfile.Tail, LatencyProfile.Uniform);
        failure.Strategy.ShouldContain("swarm(latency=");
    }

    [Fact]
    public void The_default_portfolio_finds_a_bug_that_needs_a_slow_network()
    {
        ExplorationResult result = Simulation.Explore(s_slowDeliveryFails, Options(ExplorationStrategy.Portfolio, 200));
        result.Failures.ShouldHaveSingleItem().Swarm.ShouldNotBeNull();
    }

    [Fact]
    public void A_swarm_failure_replays_from_its_trace_file_alone()
    {
        string folder = Path.Combine(Path.GetTempPath(), "simloop-swarm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        ExplorationOptions options = Options(ExplorationStrategy.Swarm, 200);
        options.FailureFolder = folder;
        FailureReport failure = Simulation.Explore(s_slowDeliveryFails, options).Failures.ShouldHaveSingleItem();

        ScheduleTraceFile file = ScheduleTraceFile.Read(failure.TraceFilePath.ShouldNotBeNull());
        file.Swarm.ShouldBe(failure.Swarm);
        Simulation.Replay(file, s_slowDeliveryFails).Failure.ShouldBeOfType<TimeoutException>();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_portfolio_runs_half_its_iterations_with_a_swarm_profile_and_fifo_none()
    {
        var portfolio = new IterationPlan(new ExplorationOptions { Strategy = ExplorationStrategy.Portfolio }, 10);
        Enumerable.Range(0, 80).Count(i => portfolio.SwarmFor(portfolio.SeedOf(i)) is not null).ShouldBe(40);
        var fifo = new IterationPlan(new ExplorationOptions { Strategy = ExplorationStrategy.Fifo }, 10);
        Enumerable.Range(0, 80).ShouldAllBe(i => fifo.SwarmFor(fifo.SeedOf(i)) == null);
    }

    [Fact]
    public void A_profile_is_a_function_of_its_seed_and_profiles_vary()
    {
        SwarmProfile.Draw(42).ShouldBe(SwarmProfile.Draw(42));
        SwarmProfile[] profiles = Enumerable.Range(0, 200).Select(i => SwarmProfile.Draw((ulong)i)).ToArray();
        profiles.Select(p => p.Latency).Distinct().Count().ShouldBe(Enum.GetValues<LatencyProfile>().Length);
        profiles.Count(p => p.Reordering).ShouldBeInRange(70, 130);
        profiles.ShouldAllBe(p => !p.Loss, "loss is never drawn: retransmission timeouts break every bounded wait");
        profiles.Count(p => !p.Buggify).ShouldBeInRange(70, 130);
    }

    [Fact]
    public void A_profile_adds_faults_and_never_removes_configured_ones()
    {
        var configured = new LinkSettings { Latency = LatencyModel.Fixed(TimeSpan.FromMilliseconds(4)), LossRate = 0.5 };
        SwarmProfile.AsConfigured.ShapeLink(configured).ShouldBeSameAs(configured);

        var faults = new SwarmProfile(LatencyProfile.AsConfigured, Loss: true, Duplication: true, Reordering: true, false, false, true);
        LinkSettings shaped = faults.ShapeLink(configured);
        shaped.Latency.ShouldBe(configured.Latency);
        shaped.LossRate.ShouldBe(0.5);
        shaped.DuplicationRate.ShouldBe(SwarmProfile.DuplicationRate);
        shaped.ReorderRate.ShouldBe(SwarmProfile.ReorderRate);

        var high = new SwarmProfile(LatencyProfile.High, false, false, false, false, false, true);
        high.ShapeLink(configured).Latency.ShouldBe(LatencyModel.Exponential(TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(84)));
        var low = new SwarmProfile(LatencyProfile.Low, false, false, false, false, false, true);
        low.ShapeLink(configured).Latency.ShouldBe(LatencyModel.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(4)));
    }

    [Fact]
    public void The_loop_applies_the_profile_to_links_timers_and_buggify()
    {
        var profile = new SwarmProfile(LatencyProfile.Uniform, false, false, false, TimerJitter: true, ShuffleTimers: true, Buggify: false);
        var loop = new SimulatedEventLoop(new SimulationOptions { Swarm = profile });
        loop.AddHost("a");
        loop.AddHost("b");
        loop.Network.GetLink("a", "b").Latency.ShouldBe(LatencyModel.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(2)));
        bool fired = false;
        loop.RunUntilComplete(async ct =>
        {
            for (int i = 0; i < 200; i++)
            {
                fired |= Buggify.Fire("swarm-test-site-" + i);
            }

            await Task.Yield();
        });
        fired.ShouldBeFalse("the profile switched Buggify off");
        loop.Close();
    }

    private static ExplorationOptions Options(ExplorationStrategy strategy, int iterations) => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        ThrowOnFailure = false,
        FailureFolder = null,
        HonourEnvironment = false,
        Shrink = false,
    };
}
