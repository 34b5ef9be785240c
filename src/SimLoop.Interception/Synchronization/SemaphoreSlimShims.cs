using System.ComponentModel;

namespace SimLoop.Interception.Synchronization;

/// <summary>
/// Shims for <see cref="SemaphoreSlim"/>'s asynchronous waits and its releases. Inside a simulation a wait is a
/// loop-aware equivalent (see the README: an explicit scheduling point, then attempts woken by the rewritten
/// releases, the timeout on loop time), so the framework's thread-pool hop for a token or a timeout never happens
/// and a race behind the semaphore can be reordered; the result, the exceptions (argument, disposal, cancellation)
/// and the counting are the original's. Outside a simulation each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class SemaphoreSlimShims
{
    /// <summary>Shim for <see cref="SemaphoreSlim.WaitAsync()"/>.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <returns>A task that completes when the semaphore is entered.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::WaitAsync()")]
    public static Task WaitAsync(SemaphoreSlim semaphore) => WaitAsync(semaphore, CancellationToken.None);

    /// <summary>Shim for <see cref="SemaphoreSlim.WaitAsync(CancellationToken)"/>.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the semaphore is entered, or is cancelled.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::WaitAsync(System.Threading.CancellationToken)")]
    public static Task WaitAsync(SemaphoreSlim semaphore, CancellationToken cancellationToken)
    {
        return semaphore is not null && SimulationScope.TryGet(out SimulatedEventLoop? loop)
            ? LoopSemaphoreWait.WaitAsync(semaphore, loop, Timeout.InfiniteTimeSpan, cancellationToken)
            : semaphore!.WaitAsync(cancellationToken);
    }

    /// <summary>Shim for <see cref="SemaphoreSlim.WaitAsync(int)"/>.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <param name="millisecondsTimeout">The timeout in milliseconds, or -1.</param>
    /// <returns>Whether the semaphore was entered.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::WaitAsync(System.Int32)")]
    public static Task<bool> WaitAsync(SemaphoreSlim semaphore, int millisecondsTimeout) => WaitAsync(semaphore, millisecondsTimeout, CancellationToken.None);

    /// <summary>Shim for <see cref="SemaphoreSlim.WaitAsync(int, CancellationToken)"/>.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <param name="millisecondsTimeout">The timeout in milliseconds, or -1.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether the semaphore was entered.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::WaitAsync(System.Int32,System.Threading.CancellationToken)")]
    public static Task<bool> WaitAsync(SemaphoreSlim semaphore, int millisecondsTimeout, CancellationToken cancellationToken)
    {
        if (semaphore is null || !SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return semaphore!.WaitAsync(millisecondsTimeout, cancellationToken);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(millisecondsTimeout, -1);
        return LoopSemaphoreWait.WaitAsync(semaphore, loop, TimeSpan.FromMilliseconds(millisecondsTimeout), cancellationToken);
    }

    /// <summary>Shim for <see cref="SemaphoreSlim.WaitAsync(TimeSpan)"/>.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <param name="timeout">The timeout, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <returns>Whether the semaphore was entered.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::WaitAsync(System.TimeSpan)")]
    public static Task<bool> WaitAsync(SemaphoreSlim semaphore, TimeSpan timeout) => WaitAsync(semaphore, timeout, CancellationToken.None);

    /// <summary>Shim for <see cref="SemaphoreSlim.WaitAsync(TimeSpan, CancellationToken)"/>.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <param name="timeout">The timeout, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether the semaphore was entered.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::WaitAsync(System.TimeSpan,System.Threading.CancellationToken)")]
    public static Task<bool> WaitAsync(SemaphoreSlim semaphore, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (semaphore is null || !SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return semaphore!.WaitAsync(timeout, cancellationToken);
        }

        long milliseconds = (long)timeout.TotalMilliseconds;
        if (milliseconds < -1 || milliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be -1 ms (infinite) or between 0 and int.MaxValue ms.");
        }

        return LoopSemaphoreWait.WaitAsync(semaphore, loop, timeout, cancellationToken);
    }

    /// <summary>Shim for <see cref="SemaphoreSlim.Release()"/>: releases, then wakes one loop waiter.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <returns>The count before the release.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::Release()")]
    public static int Release(SemaphoreSlim semaphore) => Release(semaphore, 1);

    /// <summary>Shim for <see cref="SemaphoreSlim.Release(int)"/>: releases, then wakes up to that many loop waiters.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <param name="releaseCount">How many times to release.</param>
    /// <returns>The count before the release.</returns>
    [Intercepts("System.Threading.SemaphoreSlim::Release(System.Int32)")]
    public static int Release(SemaphoreSlim semaphore, int releaseCount)
    {
        int previous = semaphore.Release(releaseCount); // a null semaphore throws NullReferenceException, as before
        LoopSemaphoreWait.Wake(semaphore, releaseCount);
        return previous;
    }
}
