namespace SimLoop;

public sealed partial class SimulatedEventLoop
{
    // Step state shared with the watchdog thread, without a lock: the loop thread writes InStep when a step starts
    // and exchanges it back to Idle when the step ends; the watchdog claims a blocked step by CompareExchange
    // InStep -> Blocked, interrupts the thread, then sets _interruptDone. The loop thread that finds Blocked waits for
    // _interruptDone, so the interrupt is always issued before it is consumed (never into later, unrelated code).
    private const int Idle = 0;
    private const int InStep = 1;
    private const int Blocked = 2;

    private volatile Thread? _loopThread;
    private int _stepState;
    private volatile bool _interruptDone;
    private bool _interruptIssued;
    private long _watchedStep = -1;
    private long _watchedSinceMs;

    /// <inheritdoc/>
    protected override void OnRunStarting()
    {
        _loopThread = Thread.CurrentThread;
        _adoption?.Attach();
        if (_options.BlockingStepTimeout is { } timeout)
        {
            BlockingWatchdog.Register(this, timeout);
        }
    }

    /// <inheritdoc/>
    protected override void OnRunStopped()
    {
        BlockingWatchdog.Unregister(this);
        _adoption?.Detach();
        LeaveStep();
        ConsumePendingInterrupt();
        _loopThread = null;
    }

    /// <inheritdoc/>
    protected override void OnHandleStarting(Handle handle)
    {
        if (_options.BlockingStepTimeout is not null)
        {
            Volatile.Write(ref _stepState, InStep);
        }
    }

    /// <summary>Called by the watchdog: interrupts the loop thread if the same step has run for longer than the timeout.</summary>
    /// <remarks>Only the watchdog thread calls this, so <c>_watchedStep</c> and <c>_watchedSinceMs</c> are its own.</remarks>
    internal void CheckBlocked(long nowMs, long timeoutMs)
    {
        Thread? thread = _loopThread;
        if (Volatile.Read(ref _stepState) != InStep || thread is null)
        {
            _watchedStep = -1;
            return;
        }

        long step = StepCount; // written before the Volatile.Write of InStep, so at least this step
        if (step != _watchedStep)
        {
            _watchedStep = step;
            _watchedSinceMs = nowMs;
            return;
        }

        if (nowMs - _watchedSinceMs >= timeoutMs && Interlocked.CompareExchange(ref _stepState, Blocked, InStep) == InStep)
        {
            _interruptIssued = true;
            thread.Interrupt();
            _interruptDone = true;
        }
    }

    /// <summary>Ends the current step for the watchdog; true when the watchdog found it blocked and interrupted it.</summary>
    private bool LeaveStep()
    {
        if (Interlocked.Exchange(ref _stepState, Idle) != Blocked)
        {
            return false;
        }

        SpinWait spin = default;
        while (!_interruptDone)
        {
            spin.SpinOnce();
        }

        _interruptDone = false;
        return true;
    }

    private void ThrowIfBlocked()
    {
        if (_options.BlockingStepTimeout is null)
        {
            return;
        }

        if (LeaveStep())
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
