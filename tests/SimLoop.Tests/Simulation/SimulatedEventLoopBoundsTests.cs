using Shouldly;
using Xunit;

namespace SimLoop.Tests.Simulation;

/// <summary>Deadlock reports and the bounds that end runaway runs.</summary>
public sealed class SimulatedEventLoopBoundsTests
{
    [Fact]
    public void Deadlock_ListsEveryPendingTaskAndWhatItAwaits()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { EscapeGracePeriod = TimeSpan.Zero });
        var ex = Should.Throw<DeadlockException>(() => loop.RunUntilComplete(async _ =>
        {
            LoopFuture<int> never = loop.CreateFuture<int>();
            var neverSource = new TaskCompletionSource<int>();
            LoopTask<int> a = loop.CreateTask(async _ => await never, "A");
            LoopTask<int> b = loop.CreateTask(async _ => await neverSource.Task, "B");
            await Task.Delay(TimeSpan.FromSeconds(5), loop.TimeProvider);
            await a;
            await b;
        }));
        ex.PendingTasks.Count.ShouldBe(3);
        ex.PendingTasks[0].ShouldBe("main: awaits <LoopTask A pending>");
        ex.PendingTasks[1].ShouldBe("A: awaits <LoopFuture pending>");
        ex.PendingTasks[2].ShouldStartWith("B: ");
        ex.PendingTasks[2].ShouldContain("awaits a Task");
        ex.Message.ShouldContain("Deadlock at virtual time 00:00:05");
        foreach (string line in ex.PendingTasks)
        {
            ex.Message.ShouldContain(line);
        }
    }

    [Fact]
    public void Deadlock_NothingScheduled_SaysThereAreNoPendingTasks()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { EscapeGracePeriod = TimeSpan.Zero });
        var ex = Should.Throw<DeadlockException>(loop.RunForever);
        ex.PendingTasks.ShouldBeEmpty();
        ex.Message.ShouldContain("(no pending tasks)");
        loop.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public void MaxSteps_LivelockedTask_EndsWithSimulationLimitException()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { MaxSteps = 1000 });
        var ex = Should.Throw<SimulationLimitException>(() => loop.RunUntilComplete(async _ =>
        {
            while (true)
            {
                await Task.Yield();
            }
        }));
        ex.Message.ShouldContain("1000 steps");
        loop.StepCount.ShouldBe(1000);
    }

    [Fact]
    public void MaxVirtualTime_EndlessTimerLoop_EndsWithSimulationLimitException()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { MaxVirtualTime = TimeSpan.FromHours(1) });
        var ex = Should.Throw<SimulationLimitException>(() => loop.RunUntilComplete(async ct =>
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMinutes(7), loop.TimeProvider, ct);
            }
        }));
        ex.Message.ShouldContain("01:00:00 of virtual time");
        loop.Clock.Elapsed.ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SimulationOptions_NonPositiveBounds_AreRejectedWhenTheLoopIsCreated(long value)
    {
        var options = new SimulationOptions { MaxSteps = value, MaxVirtualTime = TimeSpan.FromTicks(value), BlockingStepTimeout = TimeSpan.FromTicks(value) };
        var error = Should.Throw<OptionsValidationException>(() => new SimulatedEventLoop(options));
        error.Problems.Select(p => p.Property).ShouldBe(["MaxSteps", "MaxVirtualTime", "BlockingStepTimeout"]);
    }
}
