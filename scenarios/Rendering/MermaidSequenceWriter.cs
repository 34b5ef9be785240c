using System.Text;

namespace SimLoop.Scenarios.Rendering;

/// <summary>The run as a Mermaid sequence diagram: a participant per host, a message per arrow, faults as notes.</summary>
internal static class MermaidSequenceWriter
{
    public static string Write(TraceTimeline timeline)
    {
        var sb = new StringBuilder("sequenceDiagram\n");
        var ids = new Dictionary<string, string>();
        foreach (string host in timeline.Hosts.Concat(timeline.Messages.SelectMany(m => new[] { m.From, m.To })).Distinct())
        {
            ids[host] = "h" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sb.Append("    participant ").Append(ids[host]).Append(" as ").Append(Clean(host)).Append('\n');
        }

        var events = timeline.Messages.Select(m => (m.SentSlot, Line: Message(m, ids)))
            .Concat(timeline.Faults.Select(f => (SlotIndex: f.StartSlot, Line: Note(f, ids))))
            .OrderBy(e => e.Item1);
        foreach ((_, string line) in events)
        {
            sb.Append("    ").Append(line).Append('\n');
        }

        if (timeline.Failure is { } failure && ids.Count > 0)
        {
            sb.Append("    Note over ").Append(ids.Values.First()).Append(": FAILED ").Append(Clean(failure)).Append('\n');
        }

        return sb.ToString();
    }

    private static string Message(TimelineMessage m, Dictionary<string, string> ids)
    {
        string arrow = m.Dropped || m.ArrivedSlot is null ? "-x" : "->>";
        return $"{ids[m.From]}{arrow}{ids[m.To]}: {TraceTimeline.Milliseconds(m.SentTicks)} {Clean(m.Label)}";
    }

    private static string Note(TimelineFault f, Dictionary<string, string> ids)
    {
        string[] over = f.Hosts.Where(ids.ContainsKey).Select(h => ids[h]).Take(2).ToArray();
        return over.Length == 0
            ? $"Note over {ids.Values.First()}: {f.Kind} {Clean(f.Detail)}"
            : $"Note over {string.Join(",", over)}: {f.Kind} at {TraceTimeline.Milliseconds(f.StartTicks)}";
    }

    /// <summary>Mermaid treats <c>;</c>, <c>#</c> and newlines specially in message text.</summary>
    private static string Clean(string text) =>
        text.Replace(";", ",", StringComparison.Ordinal).Replace("#", "no.", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace(":", " ", StringComparison.Ordinal);
}
