namespace SimLoop;

/// <summary>
/// Ends a simulated run when it must, and owns what watches it while it runs: thread-pool adoption is attached around
/// each run (escape control is told when it stops) and the blocking watchdog armed around each step; after every step
/// the run ends on a blocked step, a failure the default exception handler latched, an escape, or the step bound (in
/// that order). It never writes the trace.
/// </summary>
internal sealed class RunTermination
{
    private readonly SimulatedEventLoop _loop;
    private readonly EscapeControl _escapes;
    private readonly BlockingWatchdog? _watchdog;
    private readonly ThreadPoolAdoption? _adoption;
    private readonly long? _maxSteps;
    private LoopTerminatingException? _pendingFailure;

    /// <summary>Creates the run termination of <paramref name="loop"/> over its watchers.</summary>
    public RunTermination(SimulatedEventLoop loop, EscapeControl escapes, BlockingWatchdog? watchdog, ThreadPoolAdoption? adoption, long? maxSteps)
    {
        _loop = loop;
        _escapes = escapes;
        _watchdog = watchdog;
        _adoption = adoption;
        _maxSteps = maxSteps;
    }

    /// <summary>Whether a failure is latched.</summary>
    public bool HasPendingFailure => _pendingFailure is not null;

    /// <summary>Keeps the first failure that must end the run; it is thrown after the step that caused it.</summary>
    public void LatchFailure(LoopTerminatingException failure) => _pendingFailure ??= failure;

    /// <summary>Rethrows the latched failure, if any, and clears it.</summary>
    public void ThrowPendingFailure()
    {
        if (_pendingFailure is { } failure)
        {
            _pendingFailure = null;
            BaseEventLoop.Rethrow(failure);
        }
    }

    /// <summary>A run starts on the calling thread.</summary>
    public void RunStarting()
    {
        _adoption?.Attach();
        _watchdog?.Start(Thread.CurrentThread);
    }

    /// <summary>The run ended.</summary>
    public void RunStopped()
    {
        _watchdog?.Stop();
        _adoption?.Detach();
        _escapes.RunStopped();
    }

    /// <summary>A step starts: the watchdog times it.</summary>
    public void StepStarting() => _watchdog?.StepStarting();

    /// <summary>A step ended: throws what must end the run now.</summary>
    public void StepCompleted()
    {
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
