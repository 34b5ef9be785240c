namespace SimLoop;

/// <summary>
/// One loop's blocking-step watchdog: while the loop runs, the process's watchdog thread (<see cref="WatchdogThread"/>,
/// shared by every running loop) checks that no step runs longer than the timeout in real time, and interrupts the
/// loop thread when one does. This is the only place SimLoop reads real time: a step that blocks the loop thread
/// cannot be seen from virtual time. Stopping or disposing it takes it off the watchdog thread's list.
/// </summary>
/// <remarks>
/// Step state is shared with the watchdog thread without a lock and without an interlocked instruction on the loop
/// thread (it runs twice per step): the loop thread writes InStep when a step starts, and when it ends writes Idle, then
/// reads <c>_claimed</c>. The watchdog claims a step it found running for the timeout by setting <c>_claimed</c>, then
/// makes every thread's earlier writes visible (<see cref="Interlocked.MemoryBarrierProcessWide"/>, rare: only for a
/// step that ran the whole timeout) and looks again: if the step is still running, the loop thread's end-of-step read
/// comes after the claim, so it interrupts the thread and sets <c>_interruptDone</c>; otherwise it withdraws the claim.
/// A loop thread that sees the claim waits for one or the other, so the interrupt is always issued before it is consumed
/// (never into later, unrelated code). The watchdog thread lingers while no run is on
/// (see <see cref="WatchdogThread.IdleLingerMs"/>), so that back-to-back runs and explored iterations (a new loop
/// each) reuse it instead of starting a thread per loop.
/// </remarks>
internal sealed class BlockingWatchdog : IDisposable
{
    private const int Idle = 0;
    private const int InStep = 1;

    private readonly object _gate = new();
    private readonly long _timeoutMs;
    private readonly long _periodMs;
    private readonly Func<long> _currentStep;
    private Thread? _loopThread; // under _gate; null while the loop is not running
    private bool _disposed;      // under _gate
    private int _stepState;           // the loop thread's (plain writes)
    private volatile bool _claimed;   // set by the watchdog, cleared by whoever resolves the claim
    private volatile bool _interruptDone;
    private bool _interruptIssued;
    private long _watchedStep = -1; // the watcher thread's own
    private long _watchedSinceMs;   // the watcher thread's own

    /// <summary>Creates a watchdog that allows each step <paramref name="timeout"/> of real time.</summary>
    /// <param name="timeout">The longest a step may run.</param>
    /// <param name="currentStep">The number of the step running now (the loop's step count).</param>
    public BlockingWatchdog(TimeSpan timeout, Func<long> currentStep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(currentStep);
        Timeout = timeout;
        _timeoutMs = Math.Max(1, (long)timeout.TotalMilliseconds);
        _periodMs = Math.Clamp(_timeoutMs / 4, 5, 1000);
        _currentStep = currentStep;
    }

    /// <summary>The longest a step may run in real time.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Whether the watchdog thread is alive (for tests).</summary>
    internal bool IsWatching => WatchdogThread.IsWatching(this);

    /// <summary>How often the watchdog thread checks this watchdog's run, in milliseconds.</summary>
    internal long PeriodMs => _periodMs;


    /// <summary>Starts watching <paramref name="loopThread"/> (a run starts on it).</summary>
    public void Start(Thread loopThread)
    {
        ArgumentNullException.ThrowIfNull(loopThread);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loopThread = loopThread;
        }

        WatchdogThread.Watch(this);
    }

    /// <summary>Stops watching (the run ended); a pending interrupt aimed at the run is consumed here.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _loopThread = null;
        }

        WatchdogThread.Unwatch(this);
        StepEnded();
        ConsumePendingInterrupt();
    }

    /// <summary>A step starts on the loop thread.</summary>
    public void StepStarting() => Volatile.Write(ref _stepState, InStep);

    /// <summary>
    /// The step on the loop thread ended; true when the watchdog found it blocked and interrupted it (the caller then
    /// fails the run). A pending interrupt is consumed before returning true.
    /// </summary>
    public bool StepEnded()
    {
        Volatile.Write(ref _stepState, Idle);
        return _claimed && ClaimedStepEnded();
    }

    // The watchdog claimed the step: wait until it interrupted the thread (true) or withdrew the claim (false).
    private bool ClaimedStepEnded()
    {
        SpinWait spin = default;
        while (_claimed && !_interruptDone)
        {
            spin.SpinOnce();
        }

        if (!_interruptDone)
        {
            return false;
        }

        _interruptDone = false;
        _claimed = false;
        ConsumePendingInterrupt();
        return true;
    }

    /// <summary>Ends the watchdog thread; the watchdog cannot start again.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _loopThread = null;
        }

        WatchdogThread.Unwatch(this);
    }

    /// <summary>One check: interrupts the loop thread if the same step has run for the timeout or longer.</summary>
    /// <remarks>Only the watchdog thread calls this (tests call it directly on a watchdog that was never started).</remarks>
    internal void Check(Thread loopThread, long nowMs)
    {
        if (Volatile.Read(ref _stepState) != InStep)
        {
            _watchedStep = -1;
            return;
        }

        long step = _currentStep(); // written before the Volatile.Write of InStep, so at least this step
        if (step != _watchedStep)
        {
            _watchedStep = step;
            _watchedSinceMs = nowMs;
            return;
        }

        if (nowMs - _watchedSinceMs < _timeoutMs || _claimed)
        {
            return; // not yet, or claimed already and not yet consumed
        }

        _claimed = true;
        Interlocked.MemoryBarrierProcessWide(); // the loop thread's writes so far are visible; its later reads see the claim
        if (Volatile.Read(ref _stepState) == InStep && _currentStep() == step)
        {
            _interruptIssued = true;
            loopThread.Interrupt();
            _interruptDone = true;
        }
        else
        {
            _claimed = false; // the step ended meanwhile
        }
    }

    /// <summary>One check by the shared watchdog thread, if a run is on: see <see cref="Check"/>.</summary>
    internal void CheckRunning(long nowMs)
    {
        Thread? loopThread;
        lock (_gate)
        {
            loopThread = _loopThread;
        }

        if (loopThread is not null)
        {
            Check(loopThread, nowMs);
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
