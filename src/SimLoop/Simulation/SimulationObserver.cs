using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// A simulated loop's observer (see <see cref="ILoopObserver"/>): asks the strategy for each decision, writes the
/// run's step points to the trace (task registered, entered, left; decisions; callbacks and timers), arms the blocking
/// watchdog around each step and attaches thread-pool adoption around each run, and after every step ends the run
/// when it must: a blocked step, a failure the default exception handler latched, an escape, the step bound.
/// </summary>
internal sealed class SimulationObserver : ILoopObserver
{
    private readonly SimulatedEventLoop _loop;
    private readonly IScheduleStrategy _strategy;
    private readonly TraceRecorder _recorder;
    private readonly EscapeControl _escapes;
    private readonly BlockingWatchdog? _watchdog;
    private readonly ThreadPoolAdoption? _adoption;
    private readonly long? _maxSteps;
    private LoopTerminatingException? _pendingFailure;
    private AwaitSite? _pendingStart;
    private IStepRunner? _pendingRunner;

    /// <summary>Creates the observer of <paramref name="loop"/> over its collaborators.</summary>
    public SimulationObserver(SimulatedEventLoop loop, EscapeControl escapes, BlockingWatchdog? watchdog, ThreadPoolAdoption? adoption, long? maxSteps)
    {
        _loop = loop;
        _strategy = loop.Strategy;
        _recorder = loop.Recorder;
        _escapes = escapes;
        _watchdog = watchdog;
        _adoption = adoption;
        _maxSteps = maxSteps;
    }

    /// <summary>Keeps the first failure that must end the run; it is thrown after the step that caused it.</summary>
    public void LatchFailure(LoopTerminatingException failure) => _pendingFailure ??= failure;

    /// <summary>Whether a failure is latched.</summary>
    public bool HasPendingFailure => _pendingFailure is not null;

    /// <summary>Rethrows the latched failure, if any, and clears it.</summary>
    public void ThrowPendingFailure()
    {
        if (_pendingFailure is { } failure)
        {
            _pendingFailure = null;
            BaseEventLoop.Rethrow(failure);
        }
    }

    /// <inheritdoc/>
    public void RunStarting()
    {
        _escapes.RunStarting();
        _adoption?.Attach();
        _watchdog?.Start(Thread.CurrentThread);
    }

    /// <inheritdoc/>
    public void RunStopped()
    {
        _watchdog?.Stop();
        _adoption?.Detach();
        _escapes.RunStopped();
    }

    /// <inheritdoc/>
    public int ChooseStep(ReadySet ready)
    {
        int choice = _strategy.NextStep(ready);
        if ((uint)choice >= (uint)ready.Count)
        {
            throw new InvalidOperationException($"Strategy {_strategy.Description} chose step {choice}, but only {ready.Count} steps are ready.");
        }

        choice = _loop.Choices.Pick(choice, ready.Count); // recorded, or replayed from a choice sequence
        _recorder.Decision(choice, ready, _loop.NowTicks);
        return choice;
    }

    /// <inheritdoc/>
    public void StepStarting(Handle handle)
    {
        _watchdog?.StepStarting();
        if (handle.Owner is { } owner)
        {
            _recorder.TaskEntered(_loop.NowTicks, _loop.TaskIdOf(owner), _recorder.IsRecording ? SiteOf(owner, handle) : null);
        }
    }

    /// <summary>
    /// Where the step runs: a task's first step is labelled once it has called the body (see <see cref="TaskLeft"/>),
    /// the others by the await they resume after.
    /// </summary>
    private AwaitSite? SiteOf(ILoopTask owner, Handle handle)
    {
        if (owner is IStepRunner { BodyTask: null } runner)
        {
            _pendingStart = AwaitSite.PendingStart();
            _pendingRunner = runner;
            return _pendingStart;
        }

        return AwaitSiteResolver.ResumeOf(handle);
    }

    /// <inheritdoc/>
    public void TaskEntered(ILoopTask task) =>
        _recorder.TaskEntered(_loop.NowTicks, _loop.TaskIdOf(task));

    /// <inheritdoc/>
    public void TaskLeft(ILoopTask task)
    {
        if (_pendingStart is { } start && ReferenceEquals(_pendingRunner, task))
        {
            start.CompleteStart(AwaitSiteResolver.StartOf(_pendingRunner.BodyTask, _pendingRunner.Body));
            _pendingStart = null;
            _pendingRunner = null;
        }

        _recorder.TaskLeft(_loop.NowTicks, _loop.TaskIdOf(task));
    }

    /// <inheritdoc/>
    public void TaskRegistered(ILoopTask task, long id) =>
        _recorder.TaskRegistered(_loop.NowTicks, _loop.CurrentTaskId(), id, string.IsNullOrEmpty(task.Name) ? $"Task-{id}" : task.Name);

    /// <inheritdoc/>
    public void StepCompleted(Handle handle)
    {
        if (handle.Owner is null)
        {
            _recorder.HandleRan(_loop.NowTicks, handle);
        }

        ThrowIfBlocked();
        ThrowPendingFailure();
        _escapes.ThrowIfEscaped();
        if (_maxSteps is { } maxSteps && _loop.StepCount >= maxSteps)
        {
            throw new SimulationLimitException($"The run reached its bound of {maxSteps} steps at virtual time {_loop.Clock.Elapsed} (seed {_loop.Seed}). It may be livelocked; raise SimulationOptions.MaxSteps if the workload needs more.");
        }
    }

    private void ThrowIfBlocked()
    {
        if (_watchdog is { } watchdog && watchdog.StepEnded())
        {
            _pendingFailure = null;
            throw new UncontrolledConcurrencyException(
                $"The loop thread was blocked for more than {watchdog.Timeout} of real time in a step (seed {_loop.Seed}, step {_loop.StepCount}, virtual time {_loop.Clock.Elapsed}): " +
                "a step blocked on .Result, .Wait(), Thread.Sleep or a lock, so the single-threaded loop could not run the work it was waiting for. Use await instead of blocking.");
        }
    }
}
