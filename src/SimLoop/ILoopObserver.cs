using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// The one seam through which a loop's owner watches (and, for the choice of the next step, steers) a run, called by
/// <see cref="BaseEventLoop"/> at fixed points on the loop's thread. Set with <see cref="BaseEventLoop.SetObserver"/>;
/// without one the loop runs ready handles in FIFO order (asyncio's) and reports nothing.
/// </summary>
/// <remarks>
/// The points of one iteration, in order: <see cref="ChooseStep"/> (only when more than one handle of the snapshot is
/// left), <see cref="StepStarting"/> (the handle's task, if any, is already current), <see cref="TaskLeft"/> (a task's
/// step ended, even by an exception), <see cref="StepCompleted"/> (after the step's error, if any, was handled).
/// <see cref="TaskRegistered"/> and <see cref="TaskEntered"/> come from the task lifetime calls, wherever they happen.
/// </remarks>
internal interface ILoopObserver
{
    /// <summary>A run starts on the calling thread, before its first iteration.</summary>
    void RunStarting();

    /// <summary>A run ended, normally or by an exception.</summary>
    void RunStopped();

    /// <summary>The decision: which of the <paramref name="ready"/> handles runs next (an index into it).</summary>
    int ChooseStep(ReadySet ready);

    /// <summary><paramref name="handle"/> is about to run; for a task's step, that task is current already.</summary>
    void StepStarting(Handle handle);

    /// <summary><paramref name="task"/>'s step ended (the loop leaves the task next); also when the step threw.</summary>
    void TaskLeft(ILoopTask task);

    /// <summary><paramref name="handle"/> ran and its error, if any, went to the exception handler.</summary>
    void StepCompleted(Handle handle);

    /// <summary>A task was registered with id <paramref name="id"/>.</summary>
    void TaskRegistered(ILoopTask task, long id);

    /// <summary>A task entered itself through <see cref="BaseEventLoop.EnterTask"/> (a third-party task's own step).</summary>
    void TaskEntered(ILoopTask task);
}
