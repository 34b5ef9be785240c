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

    [Fact]
    public void CurrentTaskSlot_IsAvailableOnThisRuntime_SoStepsRunWithoutAPerStepTask()
    {
        CurrentTaskSlot.IsAvailable.ShouldBeTrue();
    }

    [Fact]
    public void CurrentTaskSlot_IsPerThread_SoParallelLoopsDoNotSeeEachOthersScheduler()
    {
        // Parallel exploration runs one loop per thread: the slot must be the thread's own (t_currentTask is
        // [ThreadStatic]); a slot shared by threads would hand one loop's scheduler to the other's steps.
        var mine = new RecordingScheduler();
        var theirs = new RecordingScheduler();
        TaskScheduler? otherSawBeforeEntering = null;
        TaskScheduler? otherSawInside = null;
        Task? previous = CurrentTaskSlot.Enter(CurrentTaskSlot.CreateStandIn(), mine);
        try
        {
            var other = new Thread(() =>
            {
                otherSawBeforeEntering = TaskScheduler.Current;
                Task? otherPrevious = CurrentTaskSlot.Enter(CurrentTaskSlot.CreateStandIn(), theirs);
                otherSawInside = TaskScheduler.Current;
                CurrentTaskSlot.Leave(otherPrevious);
            });
            other.Start();
            other.Join();
            TaskScheduler.Current.ShouldBeSameAs(mine);
        }
        finally
        {
            CurrentTaskSlot.Leave(previous);
        }

        otherSawBeforeEntering.ShouldBeSameAs(TaskScheduler.Default);
        otherSawInside.ShouldBeSameAs(theirs);
        TaskScheduler.Current.ShouldBeSameAs(TaskScheduler.Default);
    }

    [Fact]
    public void TaskSchedulerCurrent_InEveryStep_IsThatTasksOwnScheduler_AndDefaultOutsideSteps()
    {
        var seenByA = new List<TaskScheduler>();
        var seenByB = new List<TaskScheduler>();
        TaskScheduler? inPlainCallback = null;
        _loop.RunUntilComplete(async _ =>
        {
            LoopTask a = _loop.CreateTask(async _ => await Steps(seenByA), "A");
            LoopTask b = _loop.CreateTask(async _ => await Steps(seenByB), "B");
            _loop.CallSoon(_ => inPlainCallback = TaskScheduler.Current, null);
            await a;
            await b;
        });

        seenByA.Count.ShouldBe(4);
        seenByA.ShouldAllBe(s => ReferenceEquals(s, seenByA[0]));
        seenByB.ShouldAllBe(s => ReferenceEquals(s, seenByB[0]));
        seenByA[0].ShouldNotBeSameAs(seenByB[0]);
        seenByA[0].ShouldNotBeSameAs(TaskScheduler.Default);
        inPlainCallback.ShouldBeSameAs(TaskScheduler.Default);
        TaskScheduler.Current.ShouldBeSameAs(TaskScheduler.Default);

        static async Task Steps(List<TaskScheduler> seen)
        {
            for (int i = 0; i < 4; i++)
            {
                seen.Add(TaskScheduler.Current);
                await Task.Yield();
            }
        }
    }

    [Fact]
    public void TaskSchedulerCurrent_AfterAStepThrows_IsRestored()
    {
        TaskScheduler? afterwards = null;
        var caught = new List<Exception>();
        _loop.SetExceptionHandler((_, context) => caught.Add(context.Exception!));
        LoopFuture<int> never = _loop.CreateFuture<int>();
        LoopTask<int> parked = _loop.CreateTask(async _ => await never, "parked");
        _loop.RunFor(TimeSpan.Zero);
        _loop.ScheduleStep(parked, static _ => throw new InvalidOperationException("step failed"), null);
        _loop.CallSoon(_ => afterwards = TaskScheduler.Current, null);
        _loop.RunFor(TimeSpan.Zero);
        caught.ShouldContain(e => e.Message == "step failed");
        afterwards.ShouldBeSameAs(TaskScheduler.Default);
    }

    private sealed class RecordingScheduler : TaskScheduler
    {
        protected override IEnumerable<Task>? GetScheduledTasks() => null;

        protected override void QueueTask(Task task) => throw new NotSupportedException("runs nothing");

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
    }
}
