namespace SimLoop;

/// <summary>
/// What a loop does when work of its tasks meets another thread (a simulated loop reports it as an escape; a plain
/// loop marshals the work back or, for a wrong-thread call, throws). Set with
/// <see cref="BaseEventLoop.SetForeignThreadPolicy"/>; without one the loop behaves as asyncio's does.
/// </summary>
internal interface IForeignThreadPolicy
{
    /// <summary>The execution context a new task runs in (a policy may mark it to notice work that carries it away).</summary>
    ExecutionContext? PrepareTaskContext(ExecutionContext? context, ILoopTask task);

    /// <summary>
    /// Work of <paramref name="owner"/> was posted to its context or scheduler from another thread; true when the
    /// policy dealt with it (the loop then does not marshal it back).
    /// </summary>
    bool ForeignThreadPost(ILoopTask owner);

    /// <summary>Something that must happen on the loop's thread (<paramref name="what"/>) happened on another one.</summary>
    void ForeignThreadCall(string what);

    /// <summary><paramref name="operation"/> was called from a thread that is not the running loop's (the loop throws next).</summary>
    void WrongThread(string operation);
}
