using Shouldly;
using SimLoop.Exploration;
using SimLoop.Checking.Tests.Systems;
using Xunit;

namespace SimLoop.Checking.Tests;

public sealed class LivenessTests
{
    [Fact]
    public void EventuallyAsync_SystemThatNeverRecoversAfterPartitionHeals_IsCaught()
    {
        SimulationRun run = Simulation.Run(seed: 1, (loop, ct) => PingSystem.RunAsync(loop, reconnects: false, ct));

        LivenessViolationException violation = run.Failure.ShouldBeOfType<LivenessViolationException>();
        TestContext.Current.TestOutputHelper?.WriteLine(violation.Message);
        violation.Condition.ShouldBe("() => system.LastPong > healed");
        violation.Within.ShouldBe(TimeSpan.FromSeconds(1));
        violation.LastObservedState.ShouldNotBeNull().ShouldContain("gave up");
        violation.Message.ShouldContain("after 1000 ms of virtual time");
    }

    [Fact]
    public void EventuallyAsync_SystemThatReconnectsAfterPartitionHeals_Passes()
    {
        SimulationRun run = Simulation.Run(seed: 1, (loop, ct) => PingSystem.RunAsync(loop, reconnects: true, ct));

        run.Failure.ShouldBeNull();
    }

    [Fact]
    public void EventuallyAsync_ConditionAlreadyTrue_CompletesWithoutVirtualTime()
    {
        TimeSpan waited = TimeSpan.MaxValue;
        SimulationRun run = Simulation.Run(seed: 0, async (loop, ct) =>
        {
            DateTimeOffset start = loop.TimeProvider.GetUtcNow();
            await Liveness.EventuallyAsync(loop, () => true, within: TimeSpan.FromSeconds(5), cancellationToken: ct);
            waited = loop.TimeProvider.GetUtcNow() - start;
        });

        run.Failure.ShouldBeNull();
        waited.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void EventuallyAsync_ConditionBecomesTrueInTime_CompletesAtTheNextPoll()
    {
        TimeSpan waited = TimeSpan.MaxValue;
        SimulationRun run = Simulation.Run(seed: 0, async (loop, ct) =>
        {
            bool done = false;
            loop.CallLater(TimeSpan.FromMilliseconds(35), () => done = true);
            DateTimeOffset start = loop.TimeProvider.GetUtcNow();
            await Liveness.EventuallyAsync(loop, () => done, within: TimeSpan.FromMilliseconds(100), pollInterval: TimeSpan.FromMilliseconds(10), cancellationToken: ct);
            waited = loop.TimeProvider.GetUtcNow() - start;
        });

        run.Failure.ShouldBeNull();
        waited.ShouldBe(TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public void EventuallyAsync_ProbeThatHangs_IsCancelledAtTheDeadlineAndReported()
    {
        SimulationRun run = Simulation.Run(seed: 0, (loop, ct) => Liveness.EventuallyAsync(
            loop.TimeProvider,
            async c =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, loop.TimeProvider, c);
                return true;
            },
            within: TimeSpan.FromMilliseconds(50),
            cancellationToken: ct));

        LivenessViolationException violation = run.Failure.ShouldBeOfType<LivenessViolationException>();
        violation.Checks.ShouldBe(1);
        violation.LastObservedState.ShouldNotBeNull().ShouldContain("TaskCanceledException");
        run.VirtualTime.ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void EventuallyAsync_BadArguments_AreRejectedByNameBeforeAnyWait()
    {
        var loop = new SimulatedEventLoop();

        Should.Throw<ArgumentOutOfRangeException>(() => Liveness.EventuallyAsync(loop, () => true, TimeSpan.Zero)).ParamName.ShouldBe("within");
        Should.Throw<ArgumentOutOfRangeException>(() => Liveness.EventuallyAsync(loop, () => true, TimeSpan.FromSeconds(1), pollInterval: TimeSpan.Zero)).ParamName.ShouldBe("pollInterval");
        Should.Throw<ArgumentNullException>(() => Liveness.EventuallyAsync(loop, null!, TimeSpan.FromSeconds(1))).ParamName.ShouldBe("condition");
    }
}
