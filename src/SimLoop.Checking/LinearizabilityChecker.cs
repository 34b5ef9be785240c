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
    /// <summary>The default step budget of <see cref="Check{TState, TInput, TOutput}(History{TInput, TOutput}, ISequentialModel{TState, TInput, TOutput}, long)"/>.</summary>
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

    /// <summary>
    /// Checks <paramref name="history"/> one partition at a time (P-compositionality, as in Porcupine): a history is
    /// linearizable exactly when the sub-history of each key is, for a model whose operations on different keys are
    /// independent (a key-value store checked as one register per key). Much faster than one search over all keys.
    /// </summary>
    /// <typeparam name="TState">The model's state (one key's).</typeparam>
    /// <typeparam name="TInput">An operation's input.</typeparam>
    /// <typeparam name="TOutput">An operation's output.</typeparam>
    /// <typeparam name="TKey">The partition key.</typeparam>
    /// <param name="history">The recorded history.</param>
    /// <param name="model">The sequential specification of one partition.</param>
    /// <param name="partitionBy">The key of an operation's input.</param>
    /// <param name="maxSteps">At most this many model applications over all partitions.</param>
    /// <returns>
    /// Not linearizable with the first failing partition's counterexample (partitions in order of first call);
    /// otherwise unknown if a partition ran out of budget; otherwise linearizable, the linearization listing each
    /// partition's order in turn.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSteps"/> is less than 1.</exception>
    public static LinearizabilityResult<TInput, TOutput> Check<TState, TInput, TOutput, TKey>(
        History<TInput, TOutput> history,
        ISequentialModel<TState, TInput, TOutput> model,
        Func<TInput, TKey> partitionBy,
        long maxSteps = DefaultMaxSteps)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(partitionBy);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);

        // Partitions in order of their first operation (never in hash order), so results are reproducible.
        var partitionOf = new Dictionary<TKey, List<int>>();
        var partitions = new List<List<int>>();
        for (int i = 0; i < history.Operations.Count; i++)
        {
            TKey key = partitionBy(history.Operations[i].Input);
            if (!partitionOf.TryGetValue(key, out List<int>? members))
            {
                partitionOf[key] = members = [];
                partitions.Add(members);
            }

            members.Add(i);
        }

        long steps = 0;
        bool unknown = false;
        var linearization = new List<HistoryOperation<TInput, TOutput>>();
        foreach (List<int> members in partitions)
        {
            if (steps >= maxSteps)
            {
                unknown = true;
                break;
            }

            LinearizabilityResult<TInput, TOutput> result = new LinearizabilitySearch<TState, TInput, TOutput>(history.Subset(members), model, maxSteps - steps).Run();
            steps += result.Steps;
            switch (result.Outcome)
            {
                case LinearizabilityOutcome.NotLinearizable:
                    return new(LinearizabilityOutcome.NotLinearizable, [], result.Counterexample, steps, maxSteps);
                case LinearizabilityOutcome.Unknown:
                    unknown = true;
                    break;
                default:
                    linearization.AddRange(result.Linearization);
                    break;
            }
        }

        return unknown
            ? new(LinearizabilityOutcome.Unknown, [], null, steps, maxSteps)
            : new(LinearizabilityOutcome.Linearizable, linearization, null, steps, maxSteps);
    }
}
