namespace SimLoop;

/// <summary>
/// A replayed schedule no longer matches the program: at some decision the ready steps differ from the recorded
/// ones (the code under test or its inputs changed since the trace was written), so the replay stops there.
/// </summary>
public sealed class ReplayDivergedException : LoopTerminatingException
{
    internal ReplayDivergedException(int decisionIndex, IReadOnlyList<long> expected, IReadOnlyList<long> found)
        : base($"replay diverged at decision {decisionIndex}: expected ready [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]. " +
               "The program no longer matches the trace; record a new one.")
    {
        DecisionIndex = decisionIndex;
        ExpectedReadyTaskIds = expected;
        FoundReadyTaskIds = found;
    }

    /// <summary>The index (from 0) of the decision that differed.</summary>
    public int DecisionIndex { get; }

    /// <summary>The ready task ids the trace recorded at that decision.</summary>
    public IReadOnlyList<long> ExpectedReadyTaskIds { get; }

    /// <summary>The ready task ids the replay found.</summary>
    public IReadOnlyList<long> FoundReadyTaskIds { get; }
}
