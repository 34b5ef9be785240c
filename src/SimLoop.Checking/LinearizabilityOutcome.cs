namespace SimLoop.Checking;

/// <summary>What <see cref="LinearizabilityChecker"/> decided.</summary>
public enum LinearizabilityOutcome
{
    /// <summary>Some order of the operations, consistent with real time, is a legal run of the model.</summary>
    Linearizable,

    /// <summary>No such order exists; see <see cref="LinearizabilityResult{TInput, TOutput}.Counterexample"/>.</summary>
    NotLinearizable,

    /// <summary>The search ran out of its step budget before deciding.</summary>
    Unknown,
}
