namespace SimLoop;

public sealed partial class SimulatedEventLoop
{
    private readonly object _stepGate = new();
    private Thread? _loopThread;
    private bool _inStep;
    private bool _blocked;
    private bool _interruptIssued;
    private long _watchedStep = -1;
    private long _watchedSinceMs;

    /// <inheritdoc/>
    protected override void OnRunStarting()
    {
        _loopThread = Thread.CurrentThread;
        if (_options.BlockingStepTimeout is { } timeout)
        {
            BlockingWatchdog.Register(this, timeout);
        }
    }

    /// <inheritdoc/>
    protected override void OnRunStopped()
    {
        BlockingWatchdog.Unregister(this);
        lock (_stepGate)
        {
            _inStep = false;
        }

        ConsumePendingInterrupt();
        _loopThread = null;
    }

    /// <inheritdoc/>
    protected override void OnHandleStarting(Handle handle)
    {
        if (_options.BlockingStepTimeout is not null)
        {
            lock (_stepGate)
            {
                _inStep = true;
            }
        }
    }

    /// <summary>Called by the watchdog: interrupts the loop thread if the same step has run for longer than the timeout.</summary>
    internal void CheckBlocked(long nowMs, long timeoutMs)
    {
        lock (_stepGate)
        {
            if (!_inStep || _loopThread is null)
            {
                _watchedStep = -1;
                return;
            }

            long step = StepCount;
            if (step != _watchedStep)
            {
                _watchedStep = step;
                _watchedSinceMs = nowMs;
                return;
            }

            if (nowMs - _watchedSinceMs >= timeoutMs && !_interruptIssued)
            {
                _blocked = true;
                _interruptIssued = true;
                _loopThread.Interrupt();
            }
        }
    }

    private void ThrowIfBlocked()
    {
        if (_options.BlockingStepTimeout is null)
        {
            return;
        }

        bool blocked;
        lock (_stepGate)
        {
            _inStep = false;
            blocked = _blocked;
            _blocked = false;
        }

        if (blocked)
        {
            ConsumePendingInterrupt();
            _pendingFailure = null;
            throw new UncontrolledConcurrencyException(
                $"The loop thread was blocked for more than {_options.BlockingStepTimeout} of real time in a step (seed {Seed}, step {StepCount}, virtual time {Clock.Elapsed}): " +
                "a step blocked on .Result, .Wait(), Thread.Sleep or a lock, so the single-threaded loop could not run the work it was waiting for. Use await instead of blocking.");
        }
    }

    private void ConsumePendingInterrupt()
    {
        if (!_interruptIssued)
        {
            return;
        }

        _interruptIssued = false;
        try
        {
            // An interrupt issued just as the blocking call returned stays pending; take it here rather than let it
            // surface in unrelated code later. Sleep(0) observes a pending interrupt without waiting.
#pragma warning disable RS0030 // Thread.Sleep(0) is the documented way to observe a pending interrupt.
            Thread.Sleep(0);
#pragma warning restore RS0030
        }
        catch (ThreadInterruptedException)
        {
        }
    }
}
