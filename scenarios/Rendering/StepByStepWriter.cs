using SimLoop.Networking;
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
        int decisions = 0;
        foreach (TraceEntry e in outcome.Trace.Entries)
        {
            string? line = e.Kind switch
            {
                TraceEntryKind.TaskRegistered => Remember(names, e),
                TraceEntryKind.Enter => e.Event is AwaitSite site ? $"{Name(e.TaskId)} runs a step: {site}" : $"{Name(e.TaskId)} runs a step",
                TraceEntryKind.Decision => Decision(outcome.Trace.Decisions[decisions++], Name),
                TraceEntryKind.TimerFired => $"timer fires (due {TraceTimeline.Milliseconds(e.Value)}) {e.Text}",
                TraceEntryKind.ClockAdvanced => $"clock jumps to {TraceTimeline.Milliseconds(e.Value)}",
                TraceEntryKind.Network when e.Event is NetworkEvent net => $"net  {Network(net)}{By(e, Name)}",
                TraceEntryKind.Storage or TraceEntryKind.Host => $"{e.Text}{By(e, Name)}",
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

    private static string Decision(ScheduleDecision decision, Func<long, string> name) =>
        $"scheduler picks #{decision.Chosen} of ready tasks [{string.Join(", ", decision.ReadyTaskIds.Select(name))}]{(decision.Chosen != 0 ? " (not FIFO)" : "")}";

    private static string By(TraceEntry e, Func<long, string> name) => e.TaskId != 0 ? $"  (by {name(e.TaskId)})" : "";

    /// <summary>The network event without its time (the line starts with it), with the message's first bytes when printable.</summary>
    private static string Network(NetworkEvent net)
    {
        string text = $"{net.Kind} {net.From}->{net.To} {net.Detail}";
        return net.FirstBytes.AsPrintableText() is { } bytes ? $"{text} \"{bytes}\"" : text;
    }
}
