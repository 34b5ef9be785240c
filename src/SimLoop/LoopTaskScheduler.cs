namespace SimLoop;

/// <summary>
/// The task scheduler current during every step of one loop task, so that <c>Task.Factory.StartNew</c>,
/// <c>ContinueWith</c> and <c>Task.Yield</c> without a context stay on the loop as steps of that task.
/// </summary>
internal sealed class LoopTaskScheduler : TaskScheduler
{
    // The callback of a step that runs a queued Task: one for every scheduler, recognised by RunStep, which runs the
    // Task on the scheduler whose task owns the step (an idle task's scheduler keeps no delegate).
    private static readonly Action<object?> s_executeQueued = ExecuteQueued;

    private readonly LoopFuture _future; // the task (its loop and its ILoopTask side are read from it: one field less per idle task)

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
        if (ReferenceEquals(handle.Callback, s_executeQueued))
        {
            // A task queued to this scheduler (steps of a task run on its own scheduler): executing it makes this
            // scheduler current already. Its handle has no execution context (the Task flows its own).
            TryExecuteTask((Task)handle.State!);
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
            Loop.ScheduleStep(Owner, s_executeQueued, task);
        }
        else
        {
            Loop.OnForeignThreadPost(Owner, s_executeQueued, task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Loop.IsOnLoopThread && TryExecuteTask(task);

    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    private static void ExecuteQueued(object? task) =>
        throw new InvalidOperationException($"A Task queued to a loop task's scheduler runs only as a step of that loop task ({task}).");
}
