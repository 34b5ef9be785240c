namespace SimLoop;

public abstract partial class BaseEventLoop
{
    /// <summary>
    /// Called when a task's context or scheduler receives work from a thread that is not the loop's (for example a
    /// continuation that a thread-pool thread completed). Unless the foreign-thread policy takes it (a simulated loop
    /// reports it as uncontrolled concurrency, because its timing is not under the loop's control), it is marshalled to
    /// the loop like <see cref="CallSoonThreadSafe(Action)"/>.
    /// </summary>
    /// <param name="owner">The task the work belongs to.</param>
    /// <param name="callback">The work.</param>
    /// <param name="state">Its state.</param>
    internal void OnForeignThreadPost(ILoopTask owner, Delegate callback, object? state)
    {
        if (_foreignThreads?.ForeignThreadPost(owner) == true)
        {
            return;
        }

        var handle = new Handle(this, callback, state, context: null, owner);
        lock (_threadSafe)
        {
            _threadSafe.Enqueue(handle);
            _threadSafePending = true;
        }

        WriteToSelf();
    }

    /// <summary>
    /// The execution context a new task runs in: <paramref name="context"/>, or the foreign-thread policy's marked
    /// copy of it (so that work which carries it to another thread is noticed).
    /// </summary>
    /// <param name="context">The context captured for the task, or null when flow is suppressed.</param>
    /// <param name="task">The task.</param>
    internal ExecutionContext? PrepareTaskContext(ExecutionContext? context, ILoopTask task) =>
        _foreignThreads is { } policy ? policy.PrepareTaskContext(context, task) : context;

    /// <summary>The foreign-thread policy, or null (a marked context finds its escape control through it).</summary>
    internal IForeignThreadPolicy? ForeignThreadPolicy => _foreignThreads;

    /// <summary>
    /// Called when something that must happen on the loop's thread happened on another one. Without a foreign-thread
    /// policy it is ignored (the caller goes on); a simulated loop reports it.
    /// </summary>
    /// <param name="what">What happened, for the report.</param>
    /// <param name="task">The task concerned, if known.</param>
    internal void OnForeignThreadCall(string what, ILoopTask? task) => _foreignThreads?.ForeignThreadCall(what);
}
