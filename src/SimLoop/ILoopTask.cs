namespace SimLoop;

/// <summary>
/// A task as the loop's lifetime calls see it. SimLoop's own <see cref="LoopTask{TResult}"/> implements it;
/// a third-party task type implements it too and calls <see cref="BaseEventLoop.RegisterTask"/>,
/// <see cref="BaseEventLoop.EnterTask"/>, <see cref="BaseEventLoop.LeaveTask"/> and
/// <see cref="BaseEventLoop.UnregisterTask"/> so that it shows in <see cref="BaseEventLoop.AllTasks"/> and
/// <see cref="BaseEventLoop.CurrentTask"/> (the seed's "task lifetime support").
/// </summary>
public interface ILoopTask
{
    /// <summary>The task's name, as shown in traces and reports.</summary>
    string Name { get; }

    /// <summary>Whether the task has finished (result, exception or cancellation).</summary>
    bool IsDone { get; }

    /// <summary>
    /// What the task is waiting for (for deadlock and escape reports); null when the task is done. A task that cannot
    /// tell returns <see cref="WaitKind.Unknown"/>.
    /// </summary>
    TaskWait? DescribeWait();
}
