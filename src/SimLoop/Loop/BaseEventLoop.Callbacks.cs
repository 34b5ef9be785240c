namespace SimLoop;

public abstract partial class BaseEventLoop
{
    /// <inheritdoc/>
    public Handle CallSoon(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(callback, null, CaptureContext(), owner: null);
    }

    /// <inheritdoc/>
    public Handle CallSoon(Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(callback, state, CaptureContext(), owner: null);
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public TimerHandle CallLater(TimeSpan delay, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(AddDelay(DelayTicks(delay, nameof(delay))), callback, null, CaptureContext(), owner: null);
    }

    /// <inheritdoc/>
    public TimerHandle CallLater(double delaySeconds, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(AddDelay(SecondsToTicks(delaySeconds, nameof(delaySeconds))), callback, null, CaptureContext(), owner: null);
    }

    /// <inheritdoc/>
    public TimerHandle CallLater(TimeSpan delay, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleAt(AddDelay(DelayTicks(delay, nameof(delay))), callback, state, CaptureContext(), owner: null);
    }

    /// <inheritdoc/>
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

    internal TimerHandle ScheduleAt(long whenTicks, Delegate callback, object? state, ExecutionContext? context, ILoopTask? owner, bool exact = false)
    {
        CheckClosed();
        CheckThread(nameof(CallAt));
        var timer = new TimerHandle(this, exact ? whenTicks : AdjustTimerDueTicks(whenTicks), callback, state, context, owner);
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
