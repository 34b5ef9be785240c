using System.Runtime.CompilerServices;

namespace SimLoop.Interception.Synchronization;

/// <summary>
/// A <see cref="SemaphoreSlim"/> wait inside a simulation, on the loop: an explicit scheduling point of the waiting
/// task, then <c>Wait(0)</c> attempts that each releaser (through the rewritten <c>Release</c>) wakes in FIFO order,
/// with the timeout on the loop's clock and the cancellation token observed between attempts. No framework-internal
/// continuation is involved, so nothing hops to the thread pool. Woken waiters that lose the count to a newcomer
/// wait again at the back (a real <see cref="SemaphoreSlim"/> is not strictly FIFO either).
/// </summary>
internal static class LoopSemaphoreWait
{
    private static readonly ConditionalWeakTable<SemaphoreSlim, Queue<TaskCompletionSource>> s_waiters = new();

    /// <summary>Waits on the loop.</summary>
    /// <param name="semaphore">The semaphore.</param>
    /// <param name="loop">The loop.</param>
    /// <param name="timeout">The timeout (validated by the caller), or infinite.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether the semaphore was entered; cancelled when the token is.</returns>
    public static async Task<bool> WaitAsync(SemaphoreSlim semaphore, SimulatedEventLoop loop, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (SimulationScope.InTaskStep(loop))
        {
            await Task.Yield(); // the scheduling point: a new step of the waiting task, reorderable
        }

        bool infinite = timeout == Timeout.InfiniteTimeSpan;
        long deadline = infinite ? long.MaxValue : loop.NowTicks + timeout.Ticks;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (semaphore.Wait(0, CancellationToken.None)) // a poll: the token was checked just above
            {
                return true;
            }

            long remaining = deadline - loop.NowTicks;
            if (!infinite && remaining <= 0)
            {
                return false;
            }

            var wake = new TaskCompletionSource();
            Queue<TaskCompletionSource> queue = s_waiters.GetValue(semaphore, static _ => new Queue<TaskCompletionSource>());
            queue.Enqueue(wake);
            using (ITimer? timer = infinite ? null : loop.TimeProvider.CreateTimer(static w => ((TaskCompletionSource)w!).TrySetResult(), wake, TimeSpan.FromTicks(remaining), Timeout.InfiniteTimeSpan))
            using (cancellationToken.Register(static w => ((TaskCompletionSource)w!).TrySetResult(), wake))
            {
                await wake.Task.ConfigureAwait(true);
            }
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> loop waiters of <paramref name="semaphore"/>, oldest first.</summary>
    /// <param name="semaphore">The semaphore just released.</param>
    /// <param name="count">How many counts were released.</param>
    public static void Wake(SemaphoreSlim semaphore, int count)
    {
        if (!s_waiters.TryGetValue(semaphore, out Queue<TaskCompletionSource>? queue))
        {
            return;
        }

        while (count > 0 && queue.TryDequeue(out TaskCompletionSource? waiter))
        {
            if (waiter.TrySetResult())
            {
                count--;
            }
        }
    }
}
