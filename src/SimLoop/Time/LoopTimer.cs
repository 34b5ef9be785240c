namespace SimLoop.Time;

/// <summary>
/// An <see cref="ITimer"/> on loop time with <see cref="System.Threading.Timer"/>'s contract: one-shot or periodic,
/// <see cref="Change"/> at any time (also from its own callback), infinite due time stops it, zero due time fires on
/// the next iteration, <see cref="Dispose"/> stops it for good.
/// </summary>
internal sealed class LoopTimer : ITimer
{
    private static readonly long s_maxSupportedTicks = TimeSpan.FromMilliseconds(uint.MaxValue - 1).Ticks;

    private readonly BaseEventLoop _loop;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly ExecutionContext? _context;
    private TimerHandle? _pending; // the one scheduled firing; Change and Dispose cancel it, so no other can fire
    private long _pendingDueTicks; // _pending's nominal due time (before any timer jitter the loop adds)
    private long _periodTicks;
    private bool _disposed;

    public LoopTimer(BaseEventLoop loop, TimerCallback callback, object? state)
    {
        _loop = loop;
        _callback = callback;
        _state = state;
        _context = ExecutionContext.Capture();
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        long due = Validate(dueTime, nameof(dueTime));
        long per = Validate(period, nameof(period));
        if (_disposed)
        {
            return false;
        }

        _pending?.Cancel();
        _pending = null;
        _periodTicks = per;
        if (due >= 0)
        {
            ScheduleAt(_loop.NowTicks + due);
        }

        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        _pending?.Cancel();
        _pending = null;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static long Validate(TimeSpan value, string paramName)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return -1;
        }

        if (value < TimeSpan.Zero || value.Ticks > s_maxSupportedTicks)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A timer's due time and period must be between zero and 4294967294 ms, or Timeout.InfiniteTimeSpan.");
        }

        return value.Ticks;
    }

    /// <summary>The method every firing of a LoopTimer is described by in traces and reports (<c>LoopTimer.ScheduleAt (lambda)</c>).</summary>
    internal static System.Reflection.MethodInfo FireMethod => s_fireMethod!; // set before the first handle that needs it exists

    private static System.Reflection.MethodInfo? s_fireMethod;

    // A handle that Change or Dispose replaced was cancelled, and a cancelled handle never runs, so the one that fires
    // is always _pending. A periodic timer's handle runs Fire with the timer as its state (no token object per
    // firing), which schedules the next period. A one-shot's handle runs the callback itself: firing then reads
    // nothing of the timer (one cache miss less per timer when many are pending), and is still described by the
    // lambda below, as before.
    private void ScheduleAt(long whenTicks)
    {
        _pendingDueTicks = whenTicks;
        Action<object?> fire = static s => ((LoopTimer)s!).Fire();
        s_fireMethod ??= fire.Method;
        _pending = _periodTicks > 0
            ? _loop.ScheduleAt(whenTicks, fire, this, _context, owner: null)
            : _loop.ScheduleAt(whenTicks, _callback, _state, _context, owner: null, firesLoopTimer: true);
    }

    private void Fire()
    {
        if (_disposed || _pending is null)
        {
            return;
        }

        _pending = null;
        // The next period counts from this firing's own due time, so a periodic timer does not drift.
        if (_periodTicks > 0)
        {
            ScheduleAt(_pendingDueTicks + _periodTicks);
        }

        _callback(_state);
    }
}
