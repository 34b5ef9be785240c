namespace SimLoop;

/// <summary>
/// The synchronization context current during every step of one loop task: an await continuation posted here
/// becomes a new ready step of that task, so a scheduler can choose among the continuations of different tasks.
/// </summary>
internal sealed class TaskSynchronizationContext : SynchronizationContext
{
    private readonly ILoopTask _task;
    private readonly BaseEventLoop _loop;

    public TaskSynchronizationContext(LoopFuture task)
    {
        _task = (ILoopTask)task;
        _loop = task.Loop;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (_loop.IsClosed)
        {
            return; // work that escaped and came back after the loop closed: nothing will run it (throwing here would crash its thread)
        }

        if (_loop.IsOnLoopThread || !_loop.IsRunning)
        {
            _loop.ScheduleStep(_task, d, state);
        }
        else
        {
            _loop.OnForeignThreadPost(_task, d, state);
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!_loop.IsOnLoopThread)
        {
            _loop.OnForeignThreadCall($"SynchronizationContext.Send for task {_task.Name}", _task);
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
