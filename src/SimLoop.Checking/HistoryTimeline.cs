using System.Globalization;
using System.Text;

namespace SimLoop.Checking;

/// <summary>Renders operations as bars on a shared virtual-time axis, for counterexamples.</summary>
internal static class HistoryTimeline
{
    private const int Width = 40;
    private const int MaxRows = 30;

    public static string Render<TInput, TOutput>(
        IReadOnlyList<HistoryOperation<TInput, TOutput>> operations,
        IReadOnlyList<HistoryOperation<TInput, TOutput>> prefix,
        HistoryOperation<TInput, TOutput> marked,
        Func<HistoryOperation<TInput, TOutput>, string> describe)
    {
        var order = new Dictionary<HistoryOperation<TInput, TOutput>, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < prefix.Count; i++)
        {
            order[prefix[i]] = i + 1;
        }

        // The rows nearest the marked operation in call order, so a long history still shows where it broke.
        List<HistoryOperation<TInput, TOutput>> byCall = operations.OrderBy(o => o.CallTime).ThenBy(o => o.Process).ToList();
        int at = byCall.FindIndex(o => ReferenceEquals(o, marked));
        int first = Math.Clamp(at - (MaxRows / 2), 0, Math.Max(0, byCall.Count - MaxRows));
        List<HistoryOperation<TInput, TOutput>> rows = byCall.Skip(first).Take(MaxRows).ToList();

        long start = rows.Min(o => o.CallTime.Ticks);
        long end = Math.Max(start + 1, rows.Max(o => (o.ReturnTime ?? o.CallTime).Ticks));
        int Column(long ticks) => (int)((ticks - start) * (Width - 1) / (end - start));

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"  timeline ({VirtualTimeText.Milliseconds(TimeSpan.FromTicks(start))} to {VirtualTimeText.Milliseconds(TimeSpan.FromTicks(end))}; #n = n-th in the prefix, !! = cannot be placed, > = never returned):\n");
        if (first > 0 || first + rows.Count < byCall.Count)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  (operations {first + 1} to {first + rows.Count} of {byCall.Count} by call time)\n");
        }

        foreach (HistoryOperation<TInput, TOutput> op in rows)
        {
            var bar = new char[Width];
            Array.Fill(bar, ' ');
            int from = Column(op.CallTime.Ticks);
            int to = op.ReturnTime is { } r ? Column(r.Ticks) : Width - 1;
            for (int c = from; c <= to; c++)
            {
                bar[c] = '-';
            }

            bar[from] = '|';
            bar[to] = op.HasReturned ? '|' : '>';
            string tag = ReferenceEquals(op, marked) ? "!!" : order.TryGetValue(op, out int n) ? "#" + n.ToString(CultureInfo.InvariantCulture) : "";
            sb.Append(CultureInfo.InvariantCulture, $"  {tag,4} p{op.Process,-3} {new string(bar)}  {describe(op)}\n");
        }

        return sb.ToString().TrimEnd('\n');
    }
}
