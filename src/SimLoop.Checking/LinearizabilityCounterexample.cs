using System.Globalization;
using System.Text;

namespace SimLoop.Checking;

/// <summary>
/// Why a history is not linearizable: the longest prefix the search could linearize, the operation that cannot be
/// placed after it (it returned, and no remaining order gives it its output), and a timeline of the operations.
/// </summary>
/// <typeparam name="TInput">An operation's input.</typeparam>
/// <typeparam name="TOutput">An operation's output.</typeparam>
public sealed class LinearizabilityCounterexample<TInput, TOutput>
{
    internal LinearizabilityCounterexample(
        IReadOnlyList<HistoryOperation<TInput, TOutput>> operations,
        IReadOnlyList<HistoryOperation<TInput, TOutput>> longestPrefix,
        HistoryOperation<TInput, TOutput> unplaceable,
        string stateAfterPrefix,
        string? outputAfterPrefix,
        Func<HistoryOperation<TInput, TOutput>, string> describe)
    {
        LongestPrefix = longestPrefix;
        Unplaceable = unplaceable;
        StateAfterPrefix = stateAfterPrefix;
        Timeline = HistoryTimeline.Render(operations, longestPrefix, unplaceable, describe);
        Text = Compose(operations.Count, outputAfterPrefix, describe);
    }

    /// <summary>The longest linearizable prefix the search found, in linearization order.</summary>
    public IReadOnlyList<HistoryOperation<TInput, TOutput>> LongestPrefix { get; }

    /// <summary>The operation that cannot be placed after <see cref="LongestPrefix"/>.</summary>
    public HistoryOperation<TInput, TOutput> Unplaceable { get; }

    /// <summary>The model's state after <see cref="LongestPrefix"/>, as text.</summary>
    public string StateAfterPrefix { get; }

    /// <summary>The operations on a time axis, the prefix numbered in linearization order and the unplaceable one marked.</summary>
    public string Timeline { get; }

    private string Text { get; }

    /// <summary>The whole counterexample as text.</summary>
    public override string ToString() => Text;

    private string Compose(int total, string? outputAfterPrefix, Func<HistoryOperation<TInput, TOutput>, string> describe)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"History is not linearizable ({total} operations).\n");
        sb.Append(CultureInfo.InvariantCulture, $"  longest linearizable prefix ({LongestPrefix.Count} operations): ");
        sb.Append(LongestPrefix.Count == 0 ? "(none)" : string.Join("; ", LongestPrefix.Select(o => $"p{o.Process} {describe(o)}")));
        sb.Append(CultureInfo.InvariantCulture, $"\n  state after it: {StateAfterPrefix}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  cannot be placed: p{Unplaceable.Process} {describe(Unplaceable)} ");
        sb.Append(CultureInfo.InvariantCulture, $"(called at {VirtualTimeText.Milliseconds(Unplaceable.CallTime)}, returned at {(Unplaceable.ReturnTime is { } r ? VirtualTimeText.Milliseconds(r) : "never")})");
        if (outputAfterPrefix is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $": after the prefix the model returns {outputAfterPrefix}, and no other order of the overlapping operations gives what it returned");
        }

        sb.Append('\n').Append(Timeline);
        return sb.ToString();
    }
}
