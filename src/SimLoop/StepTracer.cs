using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// Writes a simulated run's step points to its trace, through the loop's <see cref="TraceRecorder"/>: each decision,
/// each task registered, entered and left, and each plain callback or timer that ran. It never ends a run. When the
/// trace records only decisions, a step costs it one branch.
/// </summary>
internal sealed class StepTracer
{
    private readonly SimulatedEventLoop _loop;
    private readonly TraceRecorder _recorder;
    private readonly bool _recording;
    private int _pendingStartSlot = -1; // the stored Enter of a first step whose site is filled in at its end
    private IStepRunner? _pendingRunner;
    private ILoopTask? _enteredTask;    // the task of the last Enter written, and its id (a loop task's id never changes)
    private long _enteredId;
    private Type? _lastBoxType;         // the box type of the last resumed step, and its sites (consecutive steps often resume the same method)
    private AwaitSiteTable? _lastTable;

    /// <summary>Creates the tracer of <paramref name="loop"/>.</summary>
    public StepTracer(SimulatedEventLoop loop)
    {
        _loop = loop;
        _recorder = loop.Recorder;
        _recording = _recorder.IsRecording;
    }

    /// <summary>The strategy chose <paramref name="choice"/> among <paramref name="ready"/>.</summary>
    public void Decision(int choice, ReadySet ready) => _recorder.Decision(choice, ready, _loop.NowTicks);

    /// <summary>A third-party task entered itself (no handle: no await site).</summary>
    public void TaskEntered(ILoopTask task)
    {
        if (_recording)
        {
            _recorder.TaskEntered(_loop.NowTicks, _loop.TaskIdOf(task));
        }
    }

    /// <summary>The step <paramref name="handle"/> of <paramref name="owner"/> starts: written with its await site.</summary>
    public void StepEntered(ILoopTask owner, Handle handle)
    {
        if (!_recording)
        {
            return;
        }

        long id = _loop.TaskIdOf(owner);
        _enteredTask = owner is IStepRunner stepRunner && ReferenceEquals(stepRunner.Loop, _loop) && id != 0 && stepRunner.Id == id ? owner : null;
        _enteredId = id;

        // A task's first step is labelled once it has called the body (see TaskLeft), the others by the await they resume after.
        if (owner is IStepRunner { BodyTask: null } runner)
        {
            _pendingStartSlot = _recorder.TaskEntered(_loop.NowTicks, id, AwaitSite.PendingStart.Id);
            _pendingRunner = runner;
            return;
        }

        _recorder.TaskEntered(_loop.NowTicks, id, ResumeSiteIdOf(handle));
    }

    /// <summary>A task's step ended; a task's first step gets its site now that the body has been called.</summary>
    public void TaskLeft(ILoopTask task)
    {
        if (!_recording)
        {
            return;
        }

        if (_pendingStartSlot >= 0 && _pendingRunner is { } runner && ReferenceEquals(runner, task))
        {
            _recorder.SetSite(_pendingStartSlot, AwaitSiteResolver.StartOf(runner.BodyTask, runner.Body));
            _pendingStartSlot = -1;
            _pendingRunner = null;
        }

        _recorder.TaskLeft(_loop.NowTicks, ReferenceEquals(task, _enteredTask) ? _enteredId : _loop.TaskIdOf(task));
    }

    /// <summary>A task was registered with <paramref name="id"/>, by the task whose step runs now (if any).</summary>
    public void TaskRegistered(ILoopTask task, long id)
    {
        if (_recording)
        {
            // A loop task's default name is not built here (an unnamed idle task keeps no string): the trace builds Task-{id} when read.
            string? name = task is IStepRunner runner ? runner.GivenName : task.Name;
            _recorder.TaskRegistered(_loop.NowTicks, _loop.CurrentTaskId(), id, string.IsNullOrEmpty(name) ? null : name);
        }
    }

    /// <summary>A handle ran; a plain callback or timer (no owning task) is written as such.</summary>
    public void StepCompleted(Handle handle)
    {
        if (_recording && handle.Owner is null)
        {
            _recorder.HandleRan(_loop.NowTicks, handle);
        }
    }

    /// <summary>The id of the await site the step <paramref name="handle"/> resumes at (0: none).</summary>
    private int ResumeSiteIdOf(Handle handle)
    {
        if (AwaitSiteResolver.BoxOf(handle) is not { } box)
        {
            return 0;
        }

        Type type = box.GetType();
        if (!ReferenceEquals(type, _lastBoxType))
        {
            _lastTable = AwaitSiteResolver.TableOf(type);
            _lastBoxType = type;
        }

        return _lastTable?.ResumeIdOf(box) ?? 0;
    }
}
