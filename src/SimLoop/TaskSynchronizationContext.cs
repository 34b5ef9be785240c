namespace SimLoop;

/// <summary>
/// The synchronization context current during every step of one loop task: an await continuation posted here
/// becomes a new ready step of that task, so a scheduler can choose among the continuations of different tasks.
/// </summary>
internal sealed class TaskSynchronizationContext : SynchronizationContext
{
    private readonly LoopFuture _future; // the task (one field per idle task: its loop and its ILoopTask side are read from it)

    public TaskSynchronizationContext(LoopFuture task)
    {
        _ = (ILoopTask)task;
        _future = task;
    }

    private ILoopTask Owner => (ILoopTask)_future;

    /// <summary>The task whose context is current (a shared continuation finds its task here; it runs only in the task's steps).</summary>
    /// <typeparam name="TTask">The task's type.</typeparam>
    public static TTask CurrentOwner<TTask>()
        where TTask : LoopFuture =>
        Current is TaskSynchronizationContext { _future: TTask task }
            ? task
            : throw new InvalidOperationException($"A loop task's continuation ran outside its task's steps (current synchronization context: {Current?.GetType().Name ?? "none"}).");

    private BaseEventLoop Loop => _future.Loop;

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Loop.IsClosed)
        {
            return; // work that escaped and came back after the loop closed: nothing will run it (throwing here would crash its thread)
        }

        if (Loop.IsOnLoopThread || !Loop.IsRunning)
        {
            Loop.ScheduleStep(Owner, d, state);
        }
        else
        {
            Loop.OnForeignThreadPost(Owner, d, state);
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!Loop.IsOnLoopThread)
        {
            Loop.OnForeignThreadCall($"SynchronizationContext.Send for task {Owner.Name}", Owner);
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
