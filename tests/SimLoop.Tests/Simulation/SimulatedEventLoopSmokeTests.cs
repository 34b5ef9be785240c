using Shouldly;
using Xunit;

namespace SimLoop.Tests.Simulation;

public sealed class SimulatedEventLoopSmokeTests
{
    [Fact]
    public void RunUntilComplete_DelayOnTimeProvider_JumpsVirtualTime()
    {
        var loop = new SimulatedEventLoop();
        double seen = loop.RunUntilComplete(async ct =>
        {
            await Task.Delay(TimeSpan.FromHours(3), loop.TimeProvider, ct);
            return loop.Time;
        });
        seen.ShouldBe(3 * 3600.0);
    }

    [Fact]
    public void Await_Continuations_AreStepsOfTheirTask()
    {
        var loop = new SimulatedEventLoop();
        var order = new List<string>();
        loop.RunUntilComplete(async ct =>
        {
            LoopTask a = loop.CreateTask(async _ => { order.Add("a1"); await Task.Yield(); order.Add("a2"); }, "A");
            LoopTask b = loop.CreateTask(async _ => { order.Add("b1"); await Task.Yield(); order.Add("b2"); }, "B");
            await a;
            await b;
        });
        order.ShouldBe(["a1", "b1", "a2", "b2"]);
    }

    [Fact]
    public void ConfigureAwaitFalse_OnLoopCompletedTask_StaysOnLoop()
    {
        var loop = new SimulatedEventLoop();
        int thread = Environment.CurrentManagedThreadId;
        int after = loop.RunUntilComplete(async ct =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct).ConfigureAwait(false);
            return Environment.CurrentManagedThreadId;
        });
        after.ShouldBe(thread);
    }

    [Fact]
    public void TaskRun_WithoutAdoption_IsReportedAsUncontrolledConcurrency()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { AdoptThreadPoolWork = false });
        var ex = Should.Throw<UncontrolledConcurrencyException>(() => loop.RunUntilComplete(async ct =>
        {
            await Task.Run(() => 1, ct);
        }));
        ex.Message.ShouldContain("Task.Run");
    }

    [Fact]
    public void Deadlock_ListsPendingTasks()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { EscapeGracePeriod = TimeSpan.Zero });
        var ex = Should.Throw<DeadlockException>(() => loop.RunUntilComplete(async ct =>
        {
            LoopFuture<int> never = loop.CreateFuture<int>();
            await never;
        }));
        ex.PendingTasks.ShouldContain(s => s.StartsWith("main", StringComparison.Ordinal));
    }

    [Fact]
    public void SemaphoreDeadlock_NamesSemaphoreWaits()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { EscapeGracePeriod = TimeSpan.Zero });
        var s1 = new SemaphoreSlim(1);
        var s2 = new SemaphoreSlim(1);
        var ex = Should.Throw<DeadlockException>(() => loop.RunUntilComplete(async ct =>
        {
            LoopTask a = loop.CreateTask(async _ => { await s1.WaitAsync(); await Task.Yield(); await s2.WaitAsync(); }, "A");
            LoopTask b = loop.CreateTask(async _ => { await s2.WaitAsync(); await Task.Yield(); await s1.WaitAsync(); }, "B");
            await a;
            await b;
        }));
        ex.Message.ShouldContain("SemaphoreSlim.WaitAsync");
    }
}
