namespace SimLoop;

/// <summary>
/// The task scheduler current during every step of one loop task, so that <c>Task.Factory.StartNew</c>,
/// <c>ContinueWith</c> and <c>Task.Yield</c> without a context stay on the loop as steps of that task.
/// </summary>
internal sealed class LoopTaskScheduler : TaskScheduler
{
    private readonly LoopFuture _future; // the task (its loop and its ILoopTask side are read from it: one field less per idle task)
    private Action<object?>? _execute; // created when the first Task is queued (most tasks never queue one)

    public LoopTaskScheduler(LoopFuture task)
    {
        _ = (ILoopTask)task;
        _future = task;
    }

    public override int MaximumConcurrencyLevel => 1;

    private ILoopTask Owner => (ILoopTask)_future;

    private BaseEventLoop Loop => _future.Loop;

    /// <summary>Runs a step inside a task executing on this scheduler, so that it is <see cref="TaskScheduler.Current"/>.</summary>
    public void RunStep(Handle handle)
    {
        if (_execute is not null && ReferenceEquals(handle.Callback, _execute))
        {
            // A task queued to this scheduler: executing it makes this scheduler current already.
            handle.Invoke();
            return;
        }

        if (CurrentTaskSlot.IsAvailable)
        {
            Task? previous = CurrentTaskSlot.Enter(Loop.StepStandIn ??= CurrentTaskSlot.CreateStandIn(), this);
            try
            {
                handle.Invoke();
            }
            finally
            {
                CurrentTaskSlot.Leave(previous);
            }

            return;
        }

        var step = new Task(static h => ((Handle)h!).Invoke(), handle);
        step.RunSynchronously(this);
        if (step.IsFaulted)
        {
            BaseEventLoop.Rethrow(step.Exception!.InnerException!);
        }
    }

    protected override void QueueTask(Task task)
    {
        if (Loop.IsClosed)
        {
            return; // as TaskSynchronizationContext.Post: the loop closed, nothing will run it
        }

        if (Loop.IsOnLoopThread || !Loop.IsRunning)
        {
            Loop.ScheduleStep(Owner, _execute ??= ExecuteQueued, task);
        }
        else
        {
            Loop.OnForeignThreadPost(Owner, _execute ??= ExecuteQueued, task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Loop.IsOnLoopThread && TryExecuteTask(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    private void ExecuteQueued(object? task) => TryExecuteTask((Task)task!);
}
