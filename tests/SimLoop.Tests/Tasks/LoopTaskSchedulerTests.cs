using Shouldly;
using Xunit;

namespace SimLoop.Tests.Tasks;

/// <summary>The task scheduler current in task steps: <c>Task.Factory.StartNew</c> and <c>ContinueWith</c> stay on the loop.</summary>
public sealed class LoopTaskSchedulerTests
{
    private readonly SimulatedEventLoop _loop = new();
    private readonly int _loopThread = Environment.CurrentManagedThreadId;

    [Fact]
    public void TaskFactoryStartNew_InsideATask_RunsOnTheLoopAsAStepOfThatTask()
    {
        (int thread, string? current) = _loop.RunUntilComplete(async _ =>
            await Task.Factory.StartNew(() => (Environment.CurrentManagedThreadId, _loop.CurrentTask?.Name), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current));
        thread.ShouldBe(_loopThread);
        current.ShouldBe("main");
    }

    [Fact]
    public void TaskFactoryStartNew_DefaultOverload_UsesTheLoopScheduler()
    {
        bool onLoopScheduler = _loop.RunUntilComplete(async _ =>
            await Task.Factory.StartNew(() => TaskScheduler.Current is not null && TaskScheduler.Current != TaskScheduler.Default));
        onLoopScheduler.ShouldBeTrue();
    }

    [Fact]
    public void ContinueWith_InsideATask_RunsOnTheLoopAfterTheAntecedent()
    {
        (int thread, double time) = _loop.RunUntilComplete(async ct =>
            await Task.Delay(TimeSpan.FromSeconds(2), _loop.TimeProvider, ct)
                .ContinueWith(_ => (Environment.CurrentManagedThreadId, _loop.Time), ct, TaskContinuationOptions.None, TaskScheduler.Current));
        thread.ShouldBe(_loopThread);
        time.ShouldBe(2);
    }

    [Fact]
    public void StartNew_QueuedWork_RunsAfterAlreadyReadySteps()
    {
        var order = new List<string>();
        _loop.RunUntilComplete(async _ =>
        {
            LoopTask other = _loop.CreateTask(_ => { order.Add("other task"); return Task.CompletedTask; });
            Task queued = Task.Factory.StartNew(() => order.Add("started work"));
            order.Add("after StartNew");
            await queued;
            await other;
        });
        order.ShouldBe(["after StartNew", "other task", "started work"]);
    }
}
