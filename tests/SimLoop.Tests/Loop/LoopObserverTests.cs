using Shouldly;
using SimLoop.Scheduling;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>The observer seam: the fixed points <see cref="BaseEventLoop"/> calls, in order, on a third-party loop.</summary>
public sealed class LoopObserverTests
{
    [Fact]
    public void OneRun_CallsTheFixedPointsInOrder()
    {
        var loop = new TestLoop();
        var observer = new RecordingObserver(loop);
        loop.SetObserver(observer);
        loop.CallSoon(() => observer.Points.Add("callback runs"));
        loop.RunUntilComplete(_ => Task.CompletedTask);

        observer.Points.ShouldBe(
        [
            "registered main #1",
            "run starting",
            "choose among 2",
            "step starting (no task)",
            "callback runs",
            "step completed",
            "step starting main (current main)",
            "left main",
            "step completed main",
            "step starting (no task)", // the done callback that stops the run
            "step completed",
            "run stopped",
        ]);
    }

    [Fact]
    public void ChooseStep_TheObserversChoiceRunsFirst()
    {
        var loop = new TestLoop();
        var order = new List<string>();
        loop.SetObserver(new RecordingObserver(loop) { Choice = ready => ready.Count - 1 });
        loop.CallSoon(() => order.Add("first"));
        loop.CallSoon(() => order.Add("second"));
        loop.CallSoon(() => order.Add("third"));
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        order.ShouldBe(["third", "second", "first"]);
    }

    [Fact]
    public void EnterAndLeaveTask_CalledByAThirdPartyTask_ReachTheObserver()
    {
        var loop = new TestLoop();
        var observer = new RecordingObserver(loop);
        loop.SetObserver(observer);
        _ = new ThirdPartyTask(loop, "mine", () => observer.Points.Add("mine runs"));
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        int entered = observer.Points.IndexOf("entered mine");
        entered.ShouldBeGreaterThan(0);
        observer.Points[entered + 1].ShouldBe("mine runs");
        observer.Points[entered + 2].ShouldBe("left mine");
    }

    [Fact]
    public void WithoutAnObserver_ReadyHandlesRunInFifoOrder()
    {
        var loop = new TestLoop();
        var order = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            int n = i;
            loop.CallSoon(() => order.Add(n));
        }

        loop.CallSoon(loop.Stop);
        loop.RunForever();
        order.ShouldBe([0, 1, 2, 3, 4]);
    }

    private sealed class RecordingObserver(BaseEventLoop loop) : ILoopObserver
    {
        public List<string> Points { get; } = new();

        public Func<ReadySet, int> Choice { get; init; } = _ => 0;

        public void RunStarting() => Points.Add("run starting");

        public void RunStopped() => Points.Add("run stopped");

        public int ChooseStep(ReadySet ready)
        {
            Points.Add($"choose among {ready.Count}");
            return Choice(ready);
        }

        public void StepStarting(Handle handle) =>
            Points.Add(handle.Owner is { } owner ? $"step starting {owner.Name} (current {loop.CurrentTask?.Name})" : "step starting (no task)");

        public void TaskLeft(ILoopTask task) => Points.Add($"left {task.Name}");

        public void StepCompleted(Handle handle) => Points.Add(handle.Owner is { } owner ? $"step completed {owner.Name}" : "step completed");

        public void TaskRegistered(ILoopTask task, long id) => Points.Add($"registered {task.Name} #{id}");

        public void TaskEntered(ILoopTask task) => Points.Add($"entered {task.Name}");
    }
}
