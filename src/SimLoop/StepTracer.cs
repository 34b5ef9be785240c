using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// Writes a simulated run's step points to its trace, through the loop's <see cref="TraceRecorder"/>: each decision,
/// each task registered, entered and left, and each plain callback or timer that ran. It never ends a run.
/// </summary>
internal sealed class StepTracer
{
    private readonly SimulatedEventLoop _loop;
    private readonly TraceRecorder _recorder;
    private int _pendingStartEntry = -1; // the stored Enter entry of a first step whose site is filled in at its end
    private IStepRunner? _pendingRunner;

    /// <summary>Creates the tracer of <paramref name="loop"/>.</summary>
    public StepTracer(SimulatedEventLoop loop)
    {
        _loop = loop;
        _recorder = loop.Recorder;
    }

    /// <summary>The strategy chose <paramref name="choice"/> among <paramref name="ready"/>.</summary>
    public void Decision(int choice, ReadySet ready) => _recorder.Decision(choice, ready, _loop.NowTicks);

    /// <summary>A third-party task entered itself (no handle: no await site).</summary>
    public void TaskEntered(ILoopTask task) => _recorder.TaskEntered(_loop.NowTicks, _loop.TaskIdOf(task));

    /// <summary>The step <paramref name="handle"/> of <paramref name="owner"/> starts: written with its await site.</summary>
    public void StepEntered(ILoopTask owner, Handle handle) =>
        _recorder.TaskEntered(_loop.NowTicks, _loop.TaskIdOf(owner), _recorder.IsRecording ? SiteOf(owner, handle) : null);

    /// <summary>A task's step ended; a task's first step gets its site now that the body has been called.</summary>
    public void TaskLeft(ILoopTask task)
    {
        if (_pendingStartEntry >= 0 && _pendingRunner is { } runner && ReferenceEquals(runner, task))
        {
            _recorder.Trace.ReplaceEvent(_pendingStartEntry, AwaitSiteResolver.StartOf(runner.BodyTask, runner.Body));
            _pendingStartEntry = -1;
            _pendingRunner = null;
        }

        _recorder.TaskLeft(_loop.NowTicks, _loop.TaskIdOf(task));
    }

    /// <summary>A task was registered with <paramref name="id"/>, by the task whose step runs now (if any).</summary>
    public void TaskRegistered(ILoopTask task, long id) =>
        _recorder.TaskRegistered(_loop.NowTicks, _loop.CurrentTaskId(), id, string.IsNullOrEmpty(task.Name) ? $"Task-{id}" : task.Name);

    /// <summary>
    /// Where the step runs: a task's first step is labelled once it has called the body (see <see cref="TaskLeft"/>),
    /// the others by the await they resume after.
    /// </summary>
    private AwaitSite? SiteOf(ILoopTask owner, Handle handle)
    {
        if (owner is IStepRunner { BodyTask: null } runner)
        {
            _pendingStartEntry = _recorder.Trace.StoredCount; // the Enter entry about to be appended
            _pendingRunner = runner;
            return AwaitSite.PendingStart;
        }

        return AwaitSiteResolver.ResumeOf(handle);
    }

    /// <summary>A handle ran; a plain callback or timer (no owning task) is written as such.</summary>
    public void StepCompleted(Handle handle)
    {
        if (handle.Owner is null)
        {
            _recorder.HandleRan(_loop.NowTicks, handle);
        }
    }
}
