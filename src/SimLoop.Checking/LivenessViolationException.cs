namespace SimLoop.Checking;

/// <summary>
/// A liveness property did not hold in time: the condition was still false when its virtual-time budget ran out.
/// The message names the condition, the budget and the last observed state.
/// </summary>
public sealed class LivenessViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="condition">The condition that never became true (its source text or description).</param>
    /// <param name="within">The virtual-time budget it had.</param>
    /// <param name="checks">How many times it was evaluated.</param>
    /// <param name="lastObservedState">What was observed at the last evaluation, or null if nothing was described.</param>
    public LivenessViolationException(string condition, TimeSpan within, int checks, string? lastObservedState)
        : base(Compose(condition, within, checks, lastObservedState))
    {
        Condition = condition;
        Within = within;
        Checks = checks;
        LastObservedState = lastObservedState;
    }

    /// <summary>The condition that never became true.</summary>
    public string Condition { get; }

    /// <summary>The virtual-time budget it had.</summary>
    public TimeSpan Within { get; }

    /// <summary>How many times it was evaluated.</summary>
    public int Checks { get; }

    /// <summary>What was observed at the last evaluation, or null.</summary>
    public string? LastObservedState { get; }

    private static string Compose(string condition, TimeSpan within, int checks, string? state) =>
        $"Liveness violated: '{condition}' was still false after {VirtualTimeText.Milliseconds(within)} of virtual time ({checks} checks)"
        + (state is null ? "." : $"; last observed: {state}.");
}
