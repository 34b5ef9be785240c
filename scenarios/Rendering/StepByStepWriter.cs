using SimLoop.Scenarios.CommandLine;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.Rendering;

/// <summary><c>replay --verbose</c>: the interleaving, one line per step, decision, timer and network event.</summary>
internal static class StepByStepWriter
{
    public static void Write(TextWriter output, ScenarioOutcome outcome)
    {
        var names = new Dictionary<long, string> { [0] = "loop" };
        string Name(long task) => names.TryGetValue(task, out string? name) ? name : CommonOptions.Invariant($"task {task}");
        foreach (TraceEntry e in outcome.Trace.Entries)
        {
            string? line = e.Kind switch
            {
                TraceEntryKind.TaskRegistered => Remember(names, e),
                TraceEntryKind.Enter => $"{Name(e.TaskId)} runs a step",
                TraceEntryKind.Decision => $"scheduler picks #{e.Value} of ready tasks [{string.Join(", ", (e.Text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => Name(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))))}]",
                TraceEntryKind.TimerFired => $"timer fires (due {TraceTimeline.Milliseconds(e.Value)}) {e.Text}",
                TraceEntryKind.ClockAdvanced => $"clock jumps to {TraceTimeline.Milliseconds(e.Value)}",
                TraceEntryKind.Network => $"net  {NetworkText(e.Text)}{(e.TaskId != 0 ? $"  (by {Name(e.TaskId)})" : "")}",
                TraceEntryKind.TaskDone => $"{Name(e.TaskId)} done {e.Text}",
                TraceEntryKind.Callback => $"callback {e.Text}",
                _ => null,
            };
            if (line is not null)
            {
                output.WriteLine($"{TraceTimeline.Milliseconds(e.TimeTicks),12}  {line}");
            }
        }
    }

    private static string Remember(Dictionary<long, string> names, TraceEntry e)
    {
        names[e.Value] = e.Text ?? CommonOptions.Invariant($"task {e.Value}");
        return $"new task {names[e.Value]} (id {e.Value})";
    }

    private static string NetworkText(string? text)
    {
        int space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        return space >= 0 ? text![(space + 1)..] : text ?? "";
    }
}
