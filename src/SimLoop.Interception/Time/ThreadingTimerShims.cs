using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SimLoop.Interception.Time;

/// <summary>
/// Shims for <see cref="Timer"/>. Inside a simulation <c>new Timer(...)</c> returns a real <see cref="Timer"/> that
/// never fires (so signatures and non-rewritten callers are unchanged), paired with a timer on the loop's clock that
/// fires the callback as a loop callback at virtual due times; the rewritten <c>Change</c> and <c>Dispose</c> (also
/// through <see cref="IDisposable"/> and <see cref="IAsyncDisposable"/>, as a <c>using</c> statement calls it) act on
/// the loop timer. Outside a simulation each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class ThreadingTimerShims
{
    private static readonly ConditionalWeakTable<Timer, ITimer> s_loopTimers = new();

    /// <summary>Shim for <c>new Timer(callback)</c> (the timer is its own state; it starts stopped).</summary>
    /// <param name="callback">The callback.</param>
    /// <returns>The timer.</returns>
    [Intercepts("System.Threading.Timer::.ctor(System.Threading.TimerCallback)")]
    public static Timer Create(TimerCallback callback)
    {
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return new Timer(callback);
        }

        var timer = new Timer(callback, null, Timeout.Infinite, Timeout.Infinite);
        s_loopTimers.AddOrUpdate(timer, loop.TimeProvider.CreateTimer(callback, timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        return timer;
    }

    /// <summary>Shim for <c>new Timer(callback, state, int, int)</c>.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its state.</param>
    /// <param name="dueTime">Milliseconds to the first call (-1: stopped).</param>
    /// <param name="period">Milliseconds between calls (-1 or 0: once).</param>
    /// <returns>The timer.</returns>
    [Intercepts("System.Threading.Timer::.ctor(System.Threading.TimerCallback,System.Object,System.Int32,System.Int32)")]
    public static Timer Create(TimerCallback callback, object? state, int dueTime, int period)
    {
        if (!SimulationScope.IsActive)
        {
            return new Timer(callback, state, dueTime, period);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, -1);
        return Create(callback, state, TimeSpan.FromMilliseconds(dueTime), TimeSpan.FromMilliseconds(period));
    }

    /// <summary>Shim for <c>new Timer(callback, state, long, long)</c>.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its state.</param>
    /// <param name="dueTime">Milliseconds to the first call (-1: stopped).</param>
    /// <param name="period">Milliseconds between calls (-1 or 0: once).</param>
    /// <returns>The timer.</returns>
    [Intercepts("System.Threading.Timer::.ctor(System.Threading.TimerCallback,System.Object,System.Int64,System.Int64)")]
    public static Timer Create(TimerCallback callback, object? state, long dueTime, long period)
    {
        if (!SimulationScope.IsActive)
        {
            return new Timer(callback, state, dueTime, period);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, -1);
        return Create(callback, state, TimeSpan.FromMilliseconds(dueTime), TimeSpan.FromMilliseconds(period));
    }

    /// <summary>Shim for <c>new Timer(callback, state, uint, uint)</c>.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its state.</param>
    /// <param name="dueTime">Milliseconds to the first call (<see cref="uint.MaxValue"/>: stopped).</param>
    /// <param name="period">Milliseconds between calls (<see cref="uint.MaxValue"/> or 0: once).</param>
    /// <returns>The timer.</returns>
    [Intercepts("System.Threading.Timer::.ctor(System.Threading.TimerCallback,System.Object,System.UInt32,System.UInt32)")]
    public static Timer Create(TimerCallback callback, object? state, uint dueTime, uint period) =>
        SimulationScope.IsActive ? Create(callback, state, FromUnsigned(dueTime), FromUnsigned(period)) : new Timer(callback, state, dueTime, period);

    /// <summary>Shim for <c>new Timer(callback, state, TimeSpan, TimeSpan)</c>.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its state.</param>
    /// <param name="dueTime">Time to the first call (<see cref="Timeout.InfiniteTimeSpan"/>: stopped).</param>
    /// <param name="period">Time between calls (infinite or zero: once).</param>
    /// <returns>The timer.</returns>
    [Intercepts("System.Threading.Timer::.ctor(System.Threading.TimerCallback,System.Object,System.TimeSpan,System.TimeSpan)")]
    public static Timer Create(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return new Timer(callback, state, dueTime, period);
        }

        ArgumentNullException.ThrowIfNull(callback);
        ITimer loopTimer = loop.TimeProvider.CreateTimer(callback, state, dueTime, period); // validates as Timer does
        var timer = new Timer(callback, state, Timeout.Infinite, Timeout.Infinite);
        s_loopTimers.AddOrUpdate(timer, loopTimer);
        return timer;
    }

    /// <summary>Shim for <see cref="Timer.Change(int, int)"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="dueTime">Milliseconds to the next call (-1: stop).</param>
    /// <param name="period">Milliseconds between calls.</param>
    /// <returns>Whether the timer was changed (false once disposed).</returns>
    [Intercepts("System.Threading.Timer::Change(System.Int32,System.Int32)")]
    public static bool Change(Timer timer, int dueTime, int period)
    {
        if (!TryGetLoopTimer(timer, out ITimer? loopTimer))
        {
            return timer.Change(dueTime, period);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, -1);
        return loopTimer.Change(TimeSpan.FromMilliseconds(dueTime), TimeSpan.FromMilliseconds(period));
    }

    /// <summary>Shim for <see cref="Timer.Change(long, long)"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="dueTime">Milliseconds to the next call (-1: stop).</param>
    /// <param name="period">Milliseconds between calls.</param>
    /// <returns>Whether the timer was changed (false once disposed).</returns>
    [Intercepts("System.Threading.Timer::Change(System.Int64,System.Int64)")]
    public static bool Change(Timer timer, long dueTime, long period)
    {
        if (!TryGetLoopTimer(timer, out ITimer? loopTimer))
        {
            return timer.Change(dueTime, period);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, -1);
        return loopTimer.Change(TimeSpan.FromMilliseconds(dueTime), TimeSpan.FromMilliseconds(period));
    }

    /// <summary>Shim for <see cref="Timer.Change(uint, uint)"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="dueTime">Milliseconds to the next call (<see cref="uint.MaxValue"/>: stop).</param>
    /// <param name="period">Milliseconds between calls.</param>
    /// <returns>Whether the timer was changed (false once disposed).</returns>
    [Intercepts("System.Threading.Timer::Change(System.UInt32,System.UInt32)")]
    public static bool Change(Timer timer, uint dueTime, uint period) =>
        TryGetLoopTimer(timer, out ITimer? loopTimer) ? loopTimer.Change(FromUnsigned(dueTime), FromUnsigned(period)) : timer.Change(dueTime, period);

    /// <summary>Shim for <see cref="Timer.Change(TimeSpan, TimeSpan)"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="dueTime">Time to the next call (infinite: stop).</param>
    /// <param name="period">Time between calls.</param>
    /// <returns>Whether the timer was changed (false once disposed).</returns>
    [Intercepts("System.Threading.Timer::Change(System.TimeSpan,System.TimeSpan)")]
    public static bool Change(Timer timer, TimeSpan dueTime, TimeSpan period) =>
        TryGetLoopTimer(timer, out ITimer? loopTimer) ? loopTimer.Change(dueTime, period) : timer.Change(dueTime, period);

    /// <summary>Shim for <see cref="Timer.Dispose()"/>.</summary>
    /// <param name="timer">The timer.</param>
    [Intercepts("System.Threading.Timer::Dispose()")]
    public static void Dispose(Timer timer)
    {
        StopLoopTimer(timer);
        timer.Dispose();
    }

    /// <summary>Shim for <see cref="Timer.Dispose(WaitHandle)"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="notifyObject">Signalled when the real timer is disposed.</param>
    /// <returns>The original's result.</returns>
    [Intercepts("System.Threading.Timer::Dispose(System.Threading.WaitHandle)")]
    public static bool Dispose(Timer timer, WaitHandle notifyObject)
    {
        StopLoopTimer(timer);
        return timer.Dispose(notifyObject);
    }

    /// <summary>Shim for <see cref="Timer.DisposeAsync"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <returns>The original's result.</returns>
    [Intercepts("System.Threading.Timer::DisposeAsync()")]
    public static ValueTask DisposeAsync(Timer timer)
    {
        StopLoopTimer(timer);
        return timer.DisposeAsync();
    }

    /// <summary>Shim for <see cref="IDisposable.Dispose"/> (what <c>using</c> calls): stops a timer's loop timer first.</summary>
    /// <param name="disposable">The object.</param>
    [Intercepts("System.IDisposable::Dispose()")]
    public static void DisposeAny(IDisposable disposable)
    {
        StopLoopTimer(disposable as Timer);
        TimersTimerShims.StopVirtual(disposable as System.Timers.Timer);
        disposable.Dispose();
    }

    /// <summary>Shim for <see cref="IAsyncDisposable.DisposeAsync"/> (what <c>await using</c> calls): stops a timer's loop timer first.</summary>
    /// <param name="disposable">The object.</param>
    /// <returns>The original's result.</returns>
    [Intercepts("System.IAsyncDisposable::DisposeAsync()")]
    public static ValueTask DisposeAnyAsync(IAsyncDisposable disposable)
    {
        StopLoopTimer(disposable as Timer);
        return disposable.DisposeAsync();
    }

    private static bool TryGetLoopTimer(Timer? timer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ITimer? loopTimer)
    {
        loopTimer = null;
        return timer is not null && s_loopTimers.TryGetValue(timer, out loopTimer);
    }

    private static void StopLoopTimer(Timer? timer)
    {
        if (TryGetLoopTimer(timer, out ITimer? loopTimer))
        {
            loopTimer.Dispose();
        }
    }

    private static TimeSpan FromUnsigned(uint milliseconds) =>
        milliseconds == uint.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);
}
