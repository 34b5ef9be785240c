namespace SimLoop.Scheduling;

/// <summary>
/// Follows an explicit list of choices: decision <c>i</c> takes <c>choices[i]</c> modulo the number of ready steps;
/// past the end of the list it runs FIFO. Replay and shrinking run on it. Built with
/// <see cref="FromDecisions"/>, it also checks that the ready steps at each decision are the recorded ones and
/// throws <see cref="ReplayDivergedException"/> at the first that differ.
/// </summary>
public sealed class ChoiceListStrategy : IScheduleStrategy
{
    private readonly int[] _choices;
    private readonly long[][]? _expectedReady;
    private int _next;

    /// <summary>Creates a strategy that follows <paramref name="choices"/> without checking the ready steps.</summary>
    /// <param name="choices">The choices (negative values are not allowed).</param>
    /// <exception cref="ArgumentException">A choice is negative.</exception>
    public ChoiceListStrategy(IReadOnlyList<int> choices)
        : this(choices, null)
    {
    }

    private ChoiceListStrategy(IReadOnlyList<int> choices, long[][]? expectedReady)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _choices = choices.ToArray();
        if (Array.FindIndex(_choices, c => c < 0) is var bad and >= 0)
        {
            throw new ArgumentException($"Choice {bad} is {_choices[bad]}; choices are indices and cannot be negative.", nameof(choices));
        }

        _expectedReady = expectedReady;
    }

    /// <summary>A strategy that replays <paramref name="decisions"/> and checks each decision's ready task ids.</summary>
    /// <param name="decisions">The recorded decisions, in order.</param>
    public static ChoiceListStrategy FromDecisions(IReadOnlyList<ScheduleDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return new ChoiceListStrategy(decisions.Select(d => d.Chosen).ToArray(), decisions.Select(d => d.ReadyTaskIds).ToArray());
    }

    /// <summary>The choices followed.</summary>
    public IReadOnlyList<int> Choices => _choices;

    /// <summary>How many decisions have been made so far.</summary>
    public int DecisionsMade => _next;

    /// <inheritdoc/>
    public string Description => $"choices({ScheduleString.Encode(_choices)})";

    /// <inheritdoc/>
    public int NextStep(in ReadySet ready)
    {
        int index = _next++;
        if (_expectedReady is not null && index < _expectedReady.Length)
        {
            CheckReady(index, _expectedReady[index], ready);
        }

        return index < _choices.Length ? _choices[index] % ready.Count : 0;
    }

    private static void CheckReady(int index, long[] expected, in ReadySet ready)
    {
        bool same = expected.Length == ready.Count;
        for (int i = 0; same && i < expected.Length; i++)
        {
            same = expected[i] == ready.TaskIdAt(i);
        }

        if (!same)
        {
            var found = new long[ready.Count];
            for (int i = 0; i < found.Length; i++)
            {
                found[i] = ready.TaskIdAt(i);
            }

            throw new ReplayDivergedException(index, expected, found);
        }
    }
}
