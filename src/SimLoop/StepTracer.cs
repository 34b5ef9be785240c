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

    /// <summary>Creates the tracer of <paramref name="loop"/>.</summary>
    public StepTracer(SimulatedEventLoop loop)
    {
        _loop = loop;
        _recorder = loop.Recorder;
    }

    /// <summary>The strategy chose <paramref name="choice"/> among <paramref name="ready"/>.</summary>
    public void Decision(int choice, ReadySet ready) => _recorder.Decision(choice, ready, _loop.NowTicks);

    /// <summary>A task's step starts (or a third-party task entered itself).</summary>
    public void TaskEntered(ILoopTask task) => _recorder.TaskEntered(_loop.NowTicks, _loop.TaskIdOf(task));

    /// <summary>A task's step ended.</summary>
    public void TaskLeft(ILoopTask task) => _recorder.TaskLeft(_loop.NowTicks, _loop.TaskIdOf(task));

    /// <summary>A task was registered with <paramref name="id"/>, by the task whose step runs now (if any).</summary>
    public void TaskRegistered(ILoopTask task, long id) =>
        _recorder.TaskRegistered(_loop.NowTicks, _loop.CurrentTaskId(), id, string.IsNullOrEmpty(task.Name) ? $"Task-{id}" : task.Name);

    /// <summary>A handle ran; a plain callback or timer (no owning task) is written as such.</summary>
    public void StepCompleted(Handle handle)
    {
        if (handle.Owner is null)
        {
            _recorder.HandleRan(_loop.NowTicks, handle);
        }
    }
}
