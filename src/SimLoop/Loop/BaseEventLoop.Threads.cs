namespace SimLoop;

public abstract partial class BaseEventLoop
{
    /// <summary>
    /// Called when a task's context or scheduler receives work from a thread that is not the loop's (for example a
    /// continuation that a thread-pool thread completed). The base marshals it to the loop like
    /// <see cref="CallSoonThreadSafe(Action)"/>; a simulated loop reports it as uncontrolled concurrency instead,
    /// because its timing is not under the loop's control.
    /// </summary>
    /// <param name="owner">The task the work belongs to.</param>
    /// <param name="callback">The work.</param>
    /// <param name="state">Its state.</param>
    protected internal virtual void OnForeignThreadPost(ILoopTask owner, Delegate callback, object? state)
    {
        var handle = new Handle(this, callback, state, context: null, owner);
        lock (_threadSafe)
        {
            _threadSafe.Enqueue(handle);
            _threadSafePending = true;
        }

        WriteToSelf();
    }

    /// <summary>
    /// Prepares the execution context a new task runs in; a simulated loop marks it so that work which carries it
    /// to another thread is noticed.
    /// </summary>
    /// <param name="context">The context captured for the task, or null when flow is suppressed.</param>
    /// <param name="task">The task.</param>
    /// <returns>The context to run the task in.</returns>
    protected internal virtual ExecutionContext? PrepareTaskContext(ExecutionContext? context, ILoopTask task) => context;

    /// <summary>
    /// Called when something that must happen on the loop's thread happened on another one. The base ignores it
    /// (the caller goes on); a simulated loop reports it.
    /// </summary>
    /// <param name="what">What happened, for the report.</param>
    /// <param name="task">The task concerned, if known.</param>
    protected internal virtual void OnForeignThreadCall(string what, ILoopTask? task)
    {
    }
}
