namespace SimLoop.Time;

/// <summary>
/// A <see cref="TimeProvider"/> on a loop's clock: <c>Task.Delay(d, tp)</c>, <c>WaitAsync(d, tp)</c>,
/// <c>new CancellationTokenSource(d, tp)</c> and <c>new PeriodicTimer(d, tp)</c> all run on loop time. Each timer
/// callback runs as a loop callback at its own due time, with the clock showing that time, in the execution context
/// captured when the timer was created; the clock does not move on while anything is ready, so every continuation
/// of a fired timer runs before later timers fire.
/// </summary>
internal sealed class LoopTimeProvider : TimeProvider
{
    private readonly BaseEventLoop _loop;
    private readonly DateTimeOffset _start;

    public LoopTimeProvider(BaseEventLoop loop, DateTimeOffset start)
    {
        _loop = loop;
        _start = start;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => _start.AddTicks(_loop.NowTicks);

    public override long GetTimestamp() => _loop.NowTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new LoopTimer(_loop, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public override string ToString() => $"LoopTimeProvider({GetUtcNow():O})";
}
