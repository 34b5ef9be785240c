using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>asyncio details (issue rule 13): one test per detail, named after the rule.</summary>
public sealed class AsyncioDetailsTests
{
    [Fact]
    public void Rule13_ANestedRunUntilCompleteRefusedBecauseTheLoopIsRunning_DoesNotTouchItsFuture()
    {
        var loop = new SimulatedEventLoop();
        LoopFuture<int> other = loop.CreateFuture<int>();
        var order = new List<string>();
        loop.RunUntilComplete(async ct =>
        {
            Should.Throw<InvalidOperationException>(() => loop.RunUntilComplete(other)).Message.ShouldContain("already running");
            other.SetResult(1); // had the refused call added its stop callback, this would stop the outer run now
            await Task.Yield();
            order.Add("still running");
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            order.Add("after a delay");
        });
        order.ShouldBe(["still running", "after a delay"]);
    }

    [Fact]
    public void Rule13_CancelledTimers_LeaveTheHeap_AsCPythonsCleanUpRemovesThem()
    {
        var loop = new SimulatedEventLoop();
        var timers = Enumerable.Range(0, 200).Select(i => loop.CallLater(TimeSpan.FromSeconds(10 + i), () => { })).ToList();
        timers.Skip(50).ToList().ForEach(t => t.Cancel()); // the 150 latest: none of them at the head
        loop.CallSoon(() => { });
        loop.RunFor(TimeSpan.Zero); // one iteration

        // CPython's _run_once: more than 100 scheduled and more than half cancelled, so the heap is rebuilt from the
        // live timers only (the count is taken at the iteration, not when a cancel crosses the threshold).
        loop.TimerCount.ShouldBe(50);
        loop.CancelledTimerCount.ShouldBe(0);
    }

    [Fact]
    public void Rule13_TheDebugSlowCallbackWarning_FiresAtTheThreshold_InRealTimeThroughTheClockSeam()
    {
        var logger = new CapturingLogger();
        var realTime = new FakeTimeProvider();
        var loop = new SimulatedEventLoop(new SimulationOptions { Logger = logger }) { Debug = true, RealTimeClock = realTime };
        loop.SlowCallbackDuration = TimeSpan.FromMilliseconds(100);
        loop.CallSoon(() => realTime.Advance(TimeSpan.FromMilliseconds(99)));
        loop.CallSoon(() => realTime.Advance(TimeSpan.FromMilliseconds(100)));
        loop.RunFor(TimeSpan.Zero);
        logger.Entries.Where(e => e.Message.Contains("slow", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("took", StringComparison.OrdinalIgnoreCase))
            .ShouldHaveSingleItem().Message.ShouldContain("0.100");
    }

    private sealed class CountingFactory : ILoopTaskFactory
    {
        public int Created { get; private set; }

        public LoopTask CreateTask(BaseEventLoop loop, Func<CancellationToken, Task> body, string? name, ExecutionContext? context)
        {
            Created++;
            return new LoopTask(loop, body, name, context);
        }

        public LoopTask<TResult> CreateTask<TResult>(BaseEventLoop loop, Func<CancellationToken, Task<TResult>> body, string? name, ExecutionContext? context)
        {
            Created++;
            return new LoopTask<TResult>(loop, body, name, context);
        }
    }

    [Fact]
    public void Rule13_CreateTaskOfTResult_GoesThroughTheTaskFactory()
    {
        var loop = new SimulatedEventLoop();
        var factory = new CountingFactory();
        loop.SetTaskFactory(factory);
        int result = loop.RunUntilComplete(async _ => await loop.CreateTask(async _ => { await Task.Yield(); return 5; }));
        result.ShouldBe(5);
        factory.Created.ShouldBe(2); // the main task and the one with a result
    }
}
