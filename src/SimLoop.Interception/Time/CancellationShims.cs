using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SimLoop.Interception.Time;

/// <summary>
/// Shims for the timed cancellations that take no <see cref="TimeProvider"/>: <c>new CancellationTokenSource(delay)</c>
/// becomes one on the loop's clock inside a simulation; <c>CancelAfter</c> on a source that has no loop clock
/// schedules the cancellation with a loop timer instead of a real one (a later <c>CancelAfter</c> moves it, as the
/// original does). Outside a simulation each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class CancellationShims
{
    private static readonly ConditionalWeakTable<CancellationTokenSource, object> s_onLoopClock = new();
    private static readonly ConditionalWeakTable<CancellationTokenSource, ITimer> s_loopTimers = new();

    /// <summary>Shim for <c>new CancellationTokenSource(TimeSpan)</c>.</summary>
    /// <param name="delay">When to cancel.</param>
    /// <returns>The source.</returns>
    [Intercepts("System.Threading.CancellationTokenSource::.ctor(System.TimeSpan)")]
    public static CancellationTokenSource Create(TimeSpan delay)
    {
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return new CancellationTokenSource(delay);
        }

        var source = new CancellationTokenSource(delay, loop.TimeProvider);
        s_onLoopClock.AddOrUpdate(source, loop);
        return source;
    }

    /// <summary>Shim for <c>new CancellationTokenSource(int)</c>.</summary>
    /// <param name="millisecondsDelay">When to cancel, in milliseconds (-1: never).</param>
    /// <returns>The source.</returns>
    [Intercepts("System.Threading.CancellationTokenSource::.ctor(System.Int32)")]
    public static CancellationTokenSource Create(int millisecondsDelay)
    {
        if (!SimulationScope.IsActive)
        {
            return new CancellationTokenSource(millisecondsDelay);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(millisecondsDelay, -1);
        return Create(TimeSpan.FromMilliseconds(millisecondsDelay));
    }

    /// <summary>Shim for <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>.</summary>
    /// <param name="source">The source.</param>
    /// <param name="delay">When to cancel, from now (-1 ms: never, which also stops an earlier schedule).</param>
    /// <exception cref="ObjectDisposedException">The source has been disposed.</exception>
    [Intercepts("System.Threading.CancellationTokenSource::CancelAfter(System.TimeSpan)")]
    public static void CancelAfter(CancellationTokenSource source, TimeSpan delay)
    {
        if (source is null || !SimulationScope.TryGet(out SimulatedEventLoop? loop) || s_onLoopClock.TryGetValue(source, out _))
        {
            source!.CancelAfter(delay); // a null source throws NullReferenceException, as the original call does
            return;
        }

        long milliseconds = (long)delay.TotalMilliseconds;
        if (milliseconds < -1 || milliseconds > uint.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must be -1 ms (never) or between 0 and 4294967294 ms.");
        }

        _ = source.Token; // throws ObjectDisposedException for a disposed source, as the original does
        if (source.IsCancellationRequested)
        {
            return;
        }

        ITimer timer = s_loopTimers.GetValue(source, s => loop.TimeProvider.CreateTimer(static state => CancelQuietly((CancellationTokenSource)state!), s, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Shim for <see cref="CancellationTokenSource.CancelAfter(int)"/>.</summary>
    /// <param name="source">The source.</param>
    /// <param name="millisecondsDelay">When to cancel, in milliseconds from now (-1: never).</param>
    /// <exception cref="ObjectDisposedException">The source has been disposed.</exception>
    [Intercepts("System.Threading.CancellationTokenSource::CancelAfter(System.Int32)")]
    public static void CancelAfter(CancellationTokenSource source, int millisecondsDelay)
    {
        if (source is null || !SimulationScope.IsActive)
        {
            source!.CancelAfter(millisecondsDelay);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(millisecondsDelay, -1);
        CancelAfter(source, TimeSpan.FromMilliseconds(millisecondsDelay));
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed before its time came: the original's timer is stopped by Dispose; nothing to cancel.
        }
    }
}
