namespace SimLoop.Checking;

/// <summary>
/// Checks that a history of concurrent operations is linearizable: that each operation can be given an instant
/// between its call and its return (any instant after its call, or none, if it never returned) at which applying
/// the operations in instant order to the sequential model gives every recorded output. The search is Wing and
/// Gong's, with Lowe's just-in-time linearization and memoisation of (linearized operations, model state), as in
/// Porcupine and Knossos; it is exponential in the worst case, so it is bounded by a step budget.
/// </summary>
public static class LinearizabilityChecker
{
    /// <summary>The default step budget of <see cref="Check"/>.</summary>
    public const long DefaultMaxSteps = 10_000_000;

    /// <summary>Checks <paramref name="history"/> against <paramref name="model"/>.</summary>
    /// <typeparam name="TState">The model's state.</typeparam>
    /// <typeparam name="TInput">An operation's input.</typeparam>
    /// <typeparam name="TOutput">An operation's output.</typeparam>
    /// <param name="history">The recorded history.</param>
    /// <param name="model">The sequential specification.</param>
    /// <param name="maxSteps">At most this many model applications before giving up with <see cref="LinearizabilityOutcome.Unknown"/>.</param>
    /// <returns>The verdict: an order that works, a counterexample, or unknown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSteps"/> is less than 1.</exception>
    public static LinearizabilityResult<TInput, TOutput> Check<TState, TInput, TOutput>(
        History<TInput, TOutput> history,
        ISequentialModel<TState, TInput, TOutput> model,
        long maxSteps = DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        return new LinearizabilitySearch<TState, TInput, TOutput>(history, model, maxSteps).Run();
    }
}
