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

    // The timer itself is the handle's state (no token object per firing): a handle that Change or Dispose
    // replaced was cancelled, and a cancelled handle never runs, so the one that fires is always _pending.
    private void ScheduleAt(long whenTicks)
    {
        _pendingDueTicks = whenTicks;
        _pending = _loop.ScheduleAt(whenTicks, static s => ((LoopTimer)s!).Fire(), this, _context, owner: null);
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
