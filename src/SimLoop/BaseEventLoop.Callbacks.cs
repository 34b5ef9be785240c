namespace SimLoop;

public abstract partial class BaseEventLoop
{
    /// <summary>Schedules <paramref name="callback"/> to run in the next iteration, after the callbacks already scheduled (FIFO).</summary>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels it.</returns>
    /// <exception cref="InvalidOperationException">The loop is closed, or the call comes from another thread while it runs.</exception>
    public Handle CallSoon(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(callback, null, CaptureContext(), owner: null);
    }

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> to run soon (no closure allocation).</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its argument.</param>
    /// <returns>A handle that cancels it.</returns>
    public Handle CallSoon(Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(callback, state, CaptureContext(), owner: null);
    }

    /// <summary>Schedules <paramref name="callback"/> from any thread and wakes the loop.</summary>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels it.</returns>
    public Handle CallSoonThreadSafe(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckClosed();
        var handle = new Handle(this, callback, null, ExecutionContext.Capture(), owner: null);
        lock (_threadSafe)
        {
            _threadSafe.Enqueue(handle);
            _threadSafePending = true;
        }

        WriteToSelf();
        return handle;
    }

    /// <summary>Schedules <paramref name="callback"/> after <paramref name="delay"/> of loop time; a negative delay is due at once.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels the timer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is infinite.</exception>
    public TimerHandle CallLater(TimeSpan delay, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(AddDelay(DelayTicks(delay, nameof(delay))), callback, null, CaptureContext(), owner: null);
    }

    /// <summary>Schedules <paramref name="callback"/> after <paramref name="delaySeconds"/> seconds of loop time.</summary>
    /// <param name="delaySeconds">The delay in seconds.</param>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels the timer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is NaN or infinite.</exception>
    public TimerHandle CallLater(double delaySeconds, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(AddDelay(SecondsToTicks(delaySeconds, nameof(delaySeconds))), callback, null, CaptureContext(), owner: null);
    }

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> to run after <paramref name="delay"/> (no closure allocation).</summary>
    /// <param name="delay">How long from now, in loop time (zero or more).</param>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its argument.</param>
    /// <returns>A handle that cancels it.</returns>
    public TimerHandle CallLater(TimeSpan delay, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(AddDelay(DelayTicks(delay, nameof(delay))), callback, state, CaptureContext(), owner: null);
    }

    /// <summary>Schedules <paramref name="callback"/> at loop time <paramref name="whenSeconds"/>. Timers due at the same time run in scheduling order.</summary>
    /// <param name="whenSeconds">The due time in seconds.</param>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels the timer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is NaN or infinite.</exception>
    public TimerHandle CallAt(double whenSeconds, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(SecondsToTicks(whenSeconds, nameof(whenSeconds)), callback, null, CaptureContext(), owner: null);
    }

    /// <summary>Schedules <paramref name="callback"/> at loop time <paramref name="whenTicks"/> (100 ns ticks).</summary>
    /// <param name="whenTicks">The due time; a time in the past is due at once.</param>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its argument.</param>
    /// <returns>A handle that cancels the timer.</returns>
    internal TimerHandle CallAtTicks(long whenTicks, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(whenTicks, callback, state, CaptureContext(), owner: null);
    }

    /// <summary>Schedules a step of <paramref name="owner"/>: the loop enters the task around the callback.</summary>
    internal Handle ScheduleStep(ILoopTask owner, Delegate callback, object? state, ExecutionContext? context = null) =>
        ScheduleSoon(callback, state, context, owner);

    internal Handle ScheduleStep(ILoopTask owner, Action<object?> callback, object? state, ExecutionContext? context = null) =>
        ScheduleSoon((Delegate)callback, state, context, owner);

    internal Handle ScheduleSoon(Action<object?> callback, object? state, ExecutionContext? context, ILoopTask? owner) =>
        ScheduleSoon((Delegate)callback, state, context, owner);

    internal TimerHandle ScheduleAt(long whenTicks, Action<object?> callback, object? state, ExecutionContext? context, ILoopTask? owner) =>
        ScheduleAt(whenTicks, (Delegate)callback, state, context, owner);

    internal Handle ScheduleSoon(Delegate callback, object? state, ExecutionContext? context, ILoopTask? owner)
    {
        CheckClosed();
        CheckThread(nameof(CallSoon));
        var handle = new Handle(this, callback, state, context, owner);
        _ready.Enqueue(handle);
        return handle;
    }

    internal TimerHandle ScheduleAt(long whenTicks, Delegate callback, object? state, ExecutionContext? context, ILoopTask? owner, bool exact = false, bool firesLoopTimer = false)
    {
        CheckClosed();
        CheckThread(nameof(CallAt));
        var timer = new TimerHandle(this, exact ? whenTicks : AdjustTimerDueTicks(whenTicks), callback, state, context, owner) { FiresLoopTimer = firesLoopTimer };
        _timers.Add(timer);
        return timer;
    }

    internal void OnTimerCancelled(TimerHandle timer) => _timers.OnCancelled(timer);

    /// <summary>Converts seconds to ticks, rejecting NaN and infinities with an error that names the argument.</summary>
    internal static long SecondsToTicks(double seconds, string paramName)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            throw new ArgumentOutOfRangeException(paramName, seconds, "A delay or time must be a finite number of seconds; NaN and infinities are not allowed. To wait forever, await a future that is never completed.");
        }

        double ticks = Math.Round(seconds * TimeSpan.TicksPerSecond);
        if (ticks > long.MaxValue / 2 || ticks < long.MinValue / 2)
        {
            throw new ArgumentOutOfRangeException(paramName, seconds, "The delay or time is too large for the loop's clock.");
        }

        return (long)ticks;
    }

    private static long DelayTicks(TimeSpan delay, string paramName)
    {
        if (delay == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, delay, "An infinite delay never fires; to wait forever, await a future that is never completed.");
        }

        return delay.Ticks;
    }

    private long AddDelay(long delayTicks)
    {
        long now = NowTicks;
        return delayTicks > 0 && now > long.MaxValue - delayTicks ? long.MaxValue : now + delayTicks;
    }

    private static ExecutionContext? CaptureContext() => ExecutionContext.Capture();
}
