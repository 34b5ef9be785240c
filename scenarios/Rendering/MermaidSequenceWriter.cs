using System.Globalization;
using System.Text;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// The run as a Mermaid sequence diagram: a participant per host (and one for the scenario's own tasks), ordered so
/// that messages cross as few lifelines as possible; task steps as notes (runs of steps of one task merged, each note
/// naming the await site of the run's first step, steps the scheduler picked out of FIFO order marked), messages as arrows with their first bytes, faults, crashes and restarts
/// as notes, and the failure as a final note that keeps its text.
/// </summary>
internal static class MermaidSequenceWriter
{
    private const int MaxPermutedHosts = 7;
    private const int MaxSitesPerNote = 3;

    public static string Write(TraceTimeline timeline)
    {
        var sb = new StringBuilder("sequenceDiagram\n");
        var participants = Order(timeline);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in participants)
        {
            ids[name] = "p" + ids.Count.ToString(CultureInfo.InvariantCulture);
            string label = name == TimelineGroup.ScenarioGroup ? "scenario (no host)" : name;
            sb.Append("    participant ").Append(ids[name]).Append(" as ").Append(Clean(label)).Append('\n');
        }

        if (timeline.Minimised)
        {
            sb.Append("    Note over ").Append(ids.Values.First()).Append(": minimised schedule (the shortest found that still fails)\n");
        }

        var laneById = timeline.Lanes.ToDictionary(l => l.TaskId);
        var events = new List<(int Order, string Line)>();
        foreach (StepRun run in StepRuns(timeline, laneById, ids))
        {
            string mark = run.First.NonFifo is { } pick ? $" (scheduler pick #{pick.Chosen}, not FIFO)" : "";
            events.Add((run.First.Order, $"Note over {run.Over}: {TraceTimeline.Milliseconds(run.First.TimeTicks)} {Clean(run.Lane)} runs{run.Sites}{mark}"));
        }

        events.AddRange(timeline.Messages.Where(m => ids.ContainsKey(m.From) && ids.ContainsKey(m.To)).Select(m => (m.SentOrder, Message(m, ids))));
        events.AddRange(timeline.Faults.Where(f => f.Kind != "crash").Select(f => (f.StartOrder, Note(f, ids))));
        events.AddRange(timeline.HostEvents.Where(e => ids.ContainsKey(e.Host)).Select(e =>
            (e.Order, $"Note over {ids[e.Host]}: {(e.Kind == HostEventKind.Crash ? "crash" : "restart")} at {TraceTimeline.Milliseconds(e.Ticks)}")));
        foreach ((_, string line) in events.OrderBy(e => e.Order))
        {
            sb.Append("    ").Append(line).Append('\n');
        }

        if (timeline.Failure is { } failure && ids.Count > 0)
        {
            string span = ids.Count > 1 ? ids.Values.First() + "," + ids.Values.Last() : ids.Values.First();
            sb.Append("    Note over ").Append(span).Append(": FAILED ").Append(Clean(failure)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Runs of consecutive steps of one task (one note each; a step picked out of FIFO order starts a run of its own),
    /// with the await sites of their steps: <c> (starts A.M:3, resumes at A.M:5)</c>, at most <see cref="MaxSitesPerNote"/>.
    /// </summary>
    private static List<StepRun> StepRuns(TraceTimeline timeline, Dictionary<long, TimelineLane> laneById, Dictionary<string, string> ids)
    {
        var runs = new List<(TimelineStep First, string Over, string Lane, List<string> Sites)>();
        TimelineStep? previous = null;
        foreach (TimelineStep step in timeline.Steps)
        {
            if (!laneById.TryGetValue(step.TaskId, out TimelineLane? lane) || !ids.TryGetValue(lane.Host, out string? over))
            {
                continue;
            }

            if (step.NonFifo is not null || previous is not { NonFifo: null } || previous.TaskId != step.TaskId)
            {
                runs.Add((step, over, lane.Name, []));
            }

            if (step.Site is { } site && !runs[^1].Sites.Contains(site.ToString()))
            {
                runs[^1].Sites.Add(site.ToString());
            }

            previous = step;
        }

        return runs.Select(r => new StepRun(r.First, r.Over, r.Lane, r.Sites.Count == 0 ? ""
            : " (" + Clean(string.Join(", ", r.Sites.Take(MaxSitesPerNote))) + (r.Sites.Count > MaxSitesPerNote ? ", ..." : "") + ")")).ToList();
    }

    /// <summary>
    /// The participants: hosts in the order that minimises the lifelines arrows cross (every order tried up to
    /// <see cref="MaxPermutedHosts"/> hosts; ties keep the hosts' order of addition), then the scenario's own tasks.
    /// </summary>
    private static List<string> Order(TraceTimeline timeline)
    {
        var hosts = timeline.Hosts.Concat(timeline.Messages.SelectMany(m => new[] { m.From, m.To })).Where(h => h.Length > 0).Distinct().ToList();
        var pairs = timeline.Messages.Select(m => (m.From, m.To)).Where(p => p.From != p.To).ToArray();
        if (hosts.Count <= MaxPermutedHosts)
        {
            List<string> best = hosts;
            long bestCost = Cost(hosts, pairs);
            foreach (List<string> order in Permutations(hosts))
            {
                long cost = Cost(order, pairs);
                if (cost < bestCost)
                {
                    (best, bestCost) = (order, cost);
                }
            }

            hosts = best;
        }

        if (timeline.Groups.Any(g => !g.IsHost))
        {
            hosts.Add(TimelineGroup.ScenarioGroup);
        }

        return hosts;
    }

    private static long Cost(List<string> order, (string From, string To)[] pairs)
    {
        long cost = 0;
        foreach ((string from, string to) in pairs)
        {
            cost += Math.Max(0, Math.Abs(order.IndexOf(from) - order.IndexOf(to)) - 1);
        }

        return cost;
    }

    private static IEnumerable<List<string>> Permutations(List<string> items)
    {
        if (items.Count <= 1)
        {
            yield return new List<string>(items);
            yield break;
        }

        for (int i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, k) => k != i).ToList();
            foreach (List<string> tail in Permutations(rest))
            {
                tail.Insert(0, items[i]);
                yield return tail;
            }
        }
    }

    private static string Message(TimelineMessage m, Dictionary<string, string> ids)
    {
        string arrow = m.Dropped || m.ArrivedTicks is null ? "-x" : "->>";
        return $"{ids[m.From]}{arrow}{ids[m.To]}: {TraceTimeline.Milliseconds(m.SentTicks)} {Clean(m.Label)}";
    }

    private static string Note(TimelineFault f, Dictionary<string, string> ids)
    {
        string[] over = f.Hosts.Where(ids.ContainsKey).Select(h => ids[h]).Take(2).ToArray();
        return over.Length == 0
            ? $"Note over {ids.Values.First()}: {f.Kind} {Clean(f.Detail)}"
            : $"Note over {string.Join(",", over)}: {f.Kind} at {TraceTimeline.Milliseconds(f.StartTicks)}";
    }

    /// <summary>
    /// Keeps the text while escaping what Mermaid treats specially in message and note text: <c>;</c>, <c>#</c> and
    /// <c>:</c> as Mermaid entity codes (shown as the characters), line breaks as spaces.
    /// </summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '#' => "#35;",
                ';' => "#59;",
                ':' => "#58;",
                '\r' or '\n' => " ",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}

/// <summary>A run of consecutive steps of one task, drawn as one Mermaid note over its host.</summary>
internal sealed record StepRun(TimelineStep First, string Over, string Lane, string Sites);
