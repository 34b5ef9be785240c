using SimLoop.Choices;

namespace SimLoop;

/// <summary>
/// A replayed schedule or choice sequence no longer matches the program (the code under test or its inputs changed
/// since the trace was written), so the replay stops there: either at some decision the ready steps differ from the
/// recorded ones, or a recorded choice does not fit the draw the program makes (another stream or kind, or a value
/// out of the draw's range).
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

    internal ReplayDivergedException(int choiceIndex, Choice recorded, Choice drawn, long drawIndex)
        : base($"replay diverged at choice {choiceIndex} (draw {drawIndex} of the run): the trace recorded {Describe(recorded.Kind)} " +
               $"{recorded.Value} on stream '{recorded.Stream}', but the program draws {Describe(drawn.Kind)} " +
               (drawn.Value == 0 ? "" : $"below {drawn.Value} ") + $"on stream '{drawn.Stream}'. " +
               "The program no longer matches the trace; record a new one.")
    {
        DecisionIndex = -1;
        ExpectedReadyTaskIds = [];
        FoundReadyTaskIds = [];
        ChoiceIndex = choiceIndex;
        RecordedChoice = recorded;
        DrawnStream = drawn.Stream;
        DrawnKind = drawn.Kind;
    }

    /// <summary>The index (from 0) of the decision that differed, or -1 when a choice differed (<see cref="ChoiceIndex"/>).</summary>
    public int DecisionIndex { get; }

    /// <summary>The ready task ids the trace recorded at that decision (empty for a choice).</summary>
    public IReadOnlyList<long> ExpectedReadyTaskIds { get; }

    /// <summary>The ready task ids the replay found (empty for a choice).</summary>
    public IReadOnlyList<long> FoundReadyTaskIds { get; }

    /// <summary>The index (from 0) in the trace file's choice sequence of the choice that did not fit, or null.</summary>
    public int? ChoiceIndex { get; }

    /// <summary>The recorded choice that did not fit, or null.</summary>
    public Choice? RecordedChoice { get; }

    /// <summary>The stream the program drew from instead, or null.</summary>
    public string? DrawnStream { get; }

    /// <summary>The kind the program drew instead, or null.</summary>
    public ChoiceKind? DrawnKind { get; }

    private static string Describe(ChoiceKind kind) => kind switch
    {
        ChoiceKind.Pick => "a scheduler pick",
        ChoiceKind.Integer => "an integer",
        ChoiceKind.Fraction => "a fraction",
        ChoiceKind.SingleFraction => "a single-precision fraction",
        _ => "bytes",
    };
}
