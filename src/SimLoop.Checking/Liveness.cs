using System.Runtime.CompilerServices;

namespace SimLoop.Checking;

/// <summary>
/// Liveness checks in virtual time, in the spirit of TigerBeetle's liveness mode: once the faults stop (heal the
/// partitions, restart the hosts, then call a check), the system must reach a good state within a time budget.
/// A check waits on the loop's <see cref="TimeProvider"/>, so it costs no real time, and fails with a
/// <see cref="LivenessViolationException"/> naming the condition, the budget and the last observed state.
/// </summary>
public static class Liveness
{
    /// <summary>
    /// Completes as soon as <paramref name="condition"/> is true: it is evaluated now, then every
    /// <paramref name="pollInterval"/> of virtual time, the last time at the deadline (now + <paramref name="within"/>).
    /// </summary>
    /// <param name="loop">The loop the system runs on (its <see cref="SimulatedEventLoop.TimeProvider"/> times the check).</param>
    /// <param name="condition">The good state; evaluated on the loop, it must not block. If it throws, that evaluation counts as false and the exception is the observed state (unless <paramref name="describeState"/> is given).</param>
    /// <param name="within">The virtual-time budget; positive.</param>
    /// <param name="describeState">Describes what is observed (for the failure message), or null.</param>
    /// <param name="pollInterval">How often to evaluate; null for a hundredth of <paramref name="within"/> (at least 1 ms).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="conditionText">The condition's name in the message (filled in by the compiler with its source text).</param>
    /// <returns>A task that completes when the condition holds.</returns>
    /// <exception cref="LivenessViolationException">The condition was false at every evaluation up to the deadline.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> or <paramref name="pollInterval"/> is not positive.</exception>
    public static Task EventuallyAsync(
        SimulatedEventLoop loop,
        Func<bool> condition,
        TimeSpan within,
        Func<string>? describeState = null,
        TimeSpan? pollInterval = null,
        CancellationToken cancellationToken = default,
        [CallerArgumentExpression(nameof(condition))] string conditionText = "")
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(condition);
        return EventuallyAsync(loop.TimeProvider, _ => Task.FromResult(condition()), within, describeState, pollInterval, cancellationToken, conditionText);
    }

    /// <summary>
    /// Completes as soon as <paramref name="probe"/> returns true: it runs now, then every
    /// <paramref name="pollInterval"/> after the previous probe ended, while the deadline (now +
    /// <paramref name="within"/>) has not passed. A probe is an action against the system (a request that must
    /// succeed): its token is cancelled at the deadline, and a probe that throws counts as false (the exception is
    /// the observed state unless <paramref name="describeState"/> is given).
    /// </summary>
    /// <param name="time">The loop's time provider.</param>
    /// <param name="probe">Checks the good state; may await network calls.</param>
    /// <param name="within">The virtual-time budget; positive.</param>
    /// <param name="describeState">Describes what is observed (for the failure message), or null.</param>
    /// <param name="pollInterval">How long to wait between probes; null for a hundredth of <paramref name="within"/> (at least 1 ms).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="conditionText">The condition's name in the message (filled in by the compiler with its source text).</param>
    /// <returns>A task that completes when a probe returns true.</returns>
    /// <exception cref="LivenessViolationException">No probe returned true before the deadline.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> or <paramref name="pollInterval"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task EventuallyAsync(
        TimeProvider time,
        Func<CancellationToken, Task<bool>> probe,
        TimeSpan within,
        Func<string>? describeState = null,
        TimeSpan? pollInterval = null,
        CancellationToken cancellationToken = default,
        [CallerArgumentExpression(nameof(probe))] string conditionText = "")
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(probe);
        if (within <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(within), within, "The liveness budget must be positive: how much virtual time the system has to recover.");
        }

        if (pollInterval is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollInterval), p, "The poll interval must be positive, or null for a hundredth of the budget.");
        }

        TimeSpan interval = pollInterval ?? TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, within.Ticks / 100));
        return PollAsync(time, probe, within, interval, describeState, string.IsNullOrEmpty(conditionText) ? "the condition" : conditionText, cancellationToken);
    }

    private static async Task PollAsync(
        TimeProvider time,
        Func<CancellationToken, Task<bool>> probe,
        TimeSpan within,
        TimeSpan interval,
        Func<string>? describeState,
        string conditionText,
        CancellationToken cancellationToken)
    {
        DateTimeOffset deadline = time.GetUtcNow() + within;
        using var atDeadline = new CancellationTokenSource(within, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, atDeadline.Token);
        int checks = 0;
        string? observed = null;
        while (true)
        {
            checks++;
            try
            {
                if (await probe(linked.Token))
                {
                    return;
                }

                observed = describeState?.Invoke();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                observed = describeState?.Invoke() ?? $"{ex.GetType().Name}: {ex.Message}";
            }

            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new LivenessViolationException(conditionText, within, checks, observed);
            }

            await Task.Delay(left < interval ? left : interval, time, cancellationToken);
        }
    }
}
