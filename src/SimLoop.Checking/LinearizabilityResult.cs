using System.Globalization;

namespace SimLoop.Checking;

/// <summary>The verdict of <see cref="LinearizabilityChecker"/> with its evidence.</summary>
/// <typeparam name="TInput">An operation's input.</typeparam>
/// <typeparam name="TOutput">An operation's output.</typeparam>
public sealed class LinearizabilityResult<TInput, TOutput>
{
    internal LinearizabilityResult(
        LinearizabilityOutcome outcome,
        IReadOnlyList<HistoryOperation<TInput, TOutput>> linearization,
        LinearizabilityCounterexample<TInput, TOutput>? counterexample,
        long steps,
        long maxSteps)
    {
        Outcome = outcome;
        Linearization = linearization;
        Counterexample = counterexample;
        Steps = steps;
        MaxSteps = maxSteps;
    }

    /// <summary>The verdict.</summary>
    public LinearizabilityOutcome Outcome { get; }

    /// <summary>Whether the history is linearizable.</summary>
    public bool IsLinearizable => Outcome == LinearizabilityOutcome.Linearizable;

    /// <summary>When linearizable: the operations in an order that is a legal run of the model (pending ones that never took visible effect last); otherwise empty.</summary>
    public IReadOnlyList<HistoryOperation<TInput, TOutput>> Linearization { get; }

    /// <summary>When not linearizable: the longest linearizable prefix, the operation that cannot follow it, and a timeline; otherwise null.</summary>
    public LinearizabilityCounterexample<TInput, TOutput>? Counterexample { get; }

    /// <summary>How many model steps the search took.</summary>
    public long Steps { get; }

    /// <summary>The step budget the search had.</summary>
    public long MaxSteps { get; }

    /// <summary>Throws unless the history was found linearizable.</summary>
    /// <exception cref="LinearizabilityViolationException">The history is not linearizable (the message is the counterexample).</exception>
    /// <exception cref="InvalidOperationException">The search ran out of budget (<see cref="LinearizabilityOutcome.Unknown"/>).</exception>
    public void ThrowIfNotLinearizable()
    {
        switch (Outcome)
        {
            case LinearizabilityOutcome.NotLinearizable:
                throw new LinearizabilityViolationException(Counterexample!.ToString());
            case LinearizabilityOutcome.Unknown:
                throw new InvalidOperationException(ToString());
        }
    }

    /// <summary>The verdict in words (with the counterexample when there is one).</summary>
    public override string ToString() => Outcome switch
    {
        LinearizabilityOutcome.Linearizable => string.Create(CultureInfo.InvariantCulture, $"Linearizable ({Linearization.Count} operations, {Steps} model steps)."),
        LinearizabilityOutcome.NotLinearizable => Counterexample!.ToString(),
        _ => string.Create(CultureInfo.InvariantCulture, $"Linearizability unknown: the search used its budget of {MaxSteps} model steps without deciding; raise maxSteps, or check shorter histories (fewer operations, or fewer overlapping ones)."),
    };
}
