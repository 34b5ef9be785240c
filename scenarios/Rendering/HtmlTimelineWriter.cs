using System.Globalization;
using System.Net;
using System.Text;
using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// A self-contained HTML page (no external assets) with an SVG timeline on a linear virtual-time axis (zoomable): a
/// header per host with its lanes (one per task, its disk, its network stack) under it, the scenario's own tasks in a
/// group of their own, steps as boxes labelled with their await site (method:line; visible where the lane has room
/// before its next step, always in the tooltip; those the scheduler picked out of FIFO order marked), messages as arrows from
/// the sending to the receiving task with their first bytes, faults as bands, crashes and restarts marked, the failure
/// marked; every element has a <c>title</c> for hover. Every positioned element carries its virtual time
/// (<c>data-t</c>) so the zoom recomputes x = origin + t × scale.
/// </summary>
internal static class HtmlTimelineWriter
{
    public static string Write(TraceTimeline timeline)
    {
        var layout = new TimelineLayout(timeline);
        var names = timeline.Lanes.Where(l => l.Kind == LaneKind.Task).ToDictionary(l => l.TaskId, l => l.Name);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{layout.Width}\" height=\"{layout.Height}\" data-origin=\"{TimelineLayout.Origin}\" data-scale=\"{layout.PixelsPerTick:R}\" data-end=\"{timeline.EndTicks}\" data-margin=\"{TimelineLayout.RightMargin}\">"));
        svg.Append("<defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#2563eb\"/></marker></defs>");
        AppendGroups(svg, timeline, layout);
        AppendFaults(svg, timeline, layout);
        svg.Append("<g id=\"axis\"></g>");
        AppendSteps(svg, timeline, layout, names);
        AppendStorage(svg, timeline, layout);
        AppendMessages(svg, timeline, layout);
        AppendHostEvents(svg, timeline, layout);
        if (timeline.Failure is { } failure)
        {
            svg.Append(Invariant($"<g class=\"failure-mark\"><line class=\"failure\" data-t=\"{timeline.EndTicks}\" data-dx=\"4\" x1=\"{X(layout, timeline.EndTicks) + 4}\" y1=\"{TimelineLayout.AxisHeight - 10}\" x2=\"{X(layout, timeline.EndTicks) + 4}\" y2=\"{layout.Height - 10}\"><title>{Escape(failure)}</title></line>"));
            svg.Append(Invariant($"<text class=\"failure-label\" data-t=\"{timeline.EndTicks}\" data-dx=\"8\" x=\"{X(layout, timeline.EndTicks) + 8}\" y=\"{TimelineLayout.AxisHeight - 2}\">FAILED</text></g>"));
        }

        svg.Append("</svg>");
        return HtmlTimelinePage.Page(timeline, svg.ToString());
    }

    private static void AppendGroups(StringBuilder svg, TraceTimeline timeline, TimelineLayout layout)
    {
        foreach (TimelineGroup group in timeline.Groups)
        {
            (int top, int bottom) = layout.GroupRows(group.Name);
            string css = group.IsHost ? "lane-group host-group" : "lane-group scenario-group";
            string header = group.IsHost ? "host " + group.Name : "scenario tasks (on no host)";
            svg.Append(Invariant($"<g class=\"{css}\" data-host=\"{Escape(group.Name)}\">"));
            svg.Append(Invariant($"<rect class=\"group-header\" x=\"0\" y=\"{top}\" width=\"{layout.Width}\" height=\"{TimelineLayout.HeaderHeight}\"/>"));
            svg.Append(Invariant($"<text class=\"group-title\" x=\"6\" y=\"{top + 15}\">{Escape(header)}</text>"));
            svg.Append(Invariant($"<rect class=\"group-frame\" x=\"0\" y=\"{top}\" width=\"{layout.Width}\" height=\"{bottom - top}\"/>"));
            foreach (TimelineLane lane in timeline.Lanes.Where(l => l.Group == group))
            {
                layout.TryLaneY(lane.TaskId, out int y);
                string role = lane.Name.StartsWith(group.Name + "/", StringComparison.Ordinal) ? lane.Name[(group.Name.Length + 1)..] : lane.Name;
                svg.Append(Invariant($"<g class=\"lane\" data-host=\"{Escape(lane.Host)}\" data-task=\"{lane.TaskId}\" data-lane=\"{Escape(lane.Name)}\">"));
                svg.Append(Invariant($"<rect class=\"lane-bg\" x=\"0\" y=\"{y - (TimelineLayout.LaneHeight / 2)}\" width=\"{layout.Width}\" height=\"{TimelineLayout.LaneHeight}\"/>"));
                svg.Append(Invariant($"<text x=\"18\" y=\"{y + 4}\">{Escape(lane.Name)}</text><title>{Escape(role)} ({(lane.Kind == LaneKind.Task ? "task " + lane.TaskId.ToString(CultureInfo.InvariantCulture) : lane.Kind.ToString().ToLowerInvariant())} on {Escape(header)})</title></g>"));
            }

            svg.Append("</g>");
        }
    }

    private static void AppendFaults(StringBuilder svg, TraceTimeline timeline, TimelineLayout layout)
    {
        foreach (TimelineFault fault in timeline.Faults)
        {
            foreach (TimelineLane lane in timeline.Lanes.Where(l => fault.Hosts.Contains(l.Host)))
            {
                layout.TryLaneY(lane.TaskId, out int y);
                double width = Math.Max(3, (fault.EndTicks - fault.StartTicks) * layout.PixelsPerTick);
                svg.Append(Invariant($"<rect class=\"fault fault-{fault.Kind}\" data-t=\"{fault.StartTicks}\" data-t-end=\"{fault.EndTicks}\" x=\"{X(layout, fault.StartTicks)}\" y=\"{y - (TimelineLayout.LaneHeight / 2)}\" width=\"{width:0.##}\" height=\"{TimelineLayout.LaneHeight}\">"));
                svg.Append(Invariant($"<title>{Escape(fault.Kind)} from {TraceTimeline.Milliseconds(fault.StartTicks)} to {TraceTimeline.Milliseconds(fault.EndTicks)}: {Escape(fault.Detail)}</title></rect>"));
            }
        }
    }

    private static void AppendSteps(StringBuilder svg, TraceTimeline timeline, TimelineLayout layout, Dictionary<long, string> names)
    {
        string Name(long task) => task == 0 ? "a loop callback" : names.GetValueOrDefault(task, "task " + task.ToString(CultureInfo.InvariantCulture));
        var nextInLane = StepSiteLabels.NextObstacles(timeline.Steps, timeline.Messages);
        for (int i = 0; i < timeline.Steps.Count; i++)
        {
            TimelineStep step = timeline.Steps[i];
            if (!layout.TryLaneY(step.TaskId, out int y))
            {
                continue;
            }

            double x = X(layout, step.TimeTicks);
            string css = step.NonFifo is null ? "step" : "step non-fifo";
            string site = step.Site is { } at ? Invariant($" data-site=\"{Escape(at.Label)}\"") : "";
            svg.Append(Invariant($"<rect class=\"{css}\" data-t=\"{step.TimeTicks}\" data-dx=\"-3\" data-task=\"{step.TaskId}\"{site} x=\"{x - 3:0.##}\" y=\"{y - 7}\" width=\"6\" height=\"14\"><title>{TraceTimeline.Milliseconds(step.TimeTicks)}: {Escape(Name(step.TaskId))} {Escape(step.Description)}</title></rect>"));
            if (step.Site is { } label)
            {
                StepSiteLabels.Append(svg, layout, timeline.EndTicks, step, label, nextInLane[i], x, y);
            }

            if (step.NonFifo is { } pick)
            {
                string ready = string.Join(", ", pick.Ready.Select(Name));
                svg.Append(Invariant($"<path class=\"non-fifo-mark\" data-t=\"{step.TimeTicks}\" data-task=\"{step.TaskId}\" data-y=\"{y - 9}\" transform=\"translate({x:0.##},{y - 9})\" d=\"M-5,-8 L5,-8 L0,0 z\"><title>{TraceTimeline.Milliseconds(step.TimeTicks)}: the scheduler ran {Escape(Name(step.TaskId))} (#{pick.Chosen} of ready [{Escape(ready)}]); FIFO would have run {Escape(Name(pick.Ready[0]))}</title></path>"));
            }
        }
    }

    private static void AppendStorage(StringBuilder svg, TraceTimeline timeline, TimelineLayout layout)
    {
        var storageLanes = timeline.Lanes.Where(l => l.Kind == LaneKind.Storage).ToDictionary(l => l.Host, l => l.TaskId, StringComparer.Ordinal);
        foreach (TimelineStorageEvent op in timeline.StorageEvents)
        {
            if (storageLanes.TryGetValue(op.Host, out long lane) && layout.TryLaneY(lane, out int y))
            {
                double x = X(layout, op.Ticks);
                string css = op.IsFault ? "storage storage-fault" : "storage";
                svg.Append(Invariant($"<rect class=\"{css}\" data-t=\"{op.Ticks}\" data-dx=\"-4\" data-rotate=\"45\" x=\"{x - 4:0.##}\" y=\"{y - 5}\" width=\"8\" height=\"10\" transform=\"rotate(45 {x:0.##} {y})\"><title>{TraceTimeline.Milliseconds(op.Ticks)}: {Escape(op.Host)} storage {Escape(op.Text)}</title></rect>"));
            }
        }
    }

    private static void AppendMessages(StringBuilder svg, TraceTimeline timeline, TimelineLayout layout)
    {
        foreach (TimelineMessage message in timeline.Messages)
        {
            if (!layout.TryLaneY(message.FromTask, out int from) || !layout.TryLaneY(message.ToTask, out int to))
            {
                continue;
            }

            long end = message.ArrivedTicks ?? message.SentTicks + (long)(8 / layout.PixelsPerTick);
            string css = message.Dropped || message.ArrivedTicks is null ? "arrow dropped" : "arrow";
            string fate = message.ArrivedTicks is { } at ? (message.Dropped ? "dropped at " : "arrived at ") + TraceTimeline.Milliseconds(at) : "never arrived";
            svg.Append(Invariant($"<g class=\"message\" data-message=\"{message.Id}\" data-from-task=\"{message.FromTask}\" data-to-task=\"{message.ToTask}\">"));
            svg.Append(Invariant($"<line class=\"{css}\" data-t1=\"{message.SentTicks}\" data-t2=\"{end}\" x1=\"{X(layout, message.SentTicks):0.##}\" y1=\"{from}\" x2=\"{X(layout, end):0.##}\" y2=\"{to}\" marker-end=\"url(#head)\">"));
            svg.Append(Invariant($"<title>{Escape(message.From)} → {Escape(message.To)}: {Escape(message.Label)}; sent at {TraceTimeline.Milliseconds(message.SentTicks)}, {fate}</title></line>"));
            if (message.Text is { } text && message.Kind is MessageKind.Data or MessageKind.Datagram)
            {
                svg.Append(Invariant($"<text class=\"message-text\" data-t=\"{message.SentTicks}\" data-dx=\"4\" x=\"{X(layout, message.SentTicks) + 4:0.##}\" y=\"{from + (from <= to ? 12 : -5)}\">{Escape(text)}</text>"));
            }

            svg.Append("</g>");
        }
    }

    private static void AppendHostEvents(StringBuilder svg, TraceTimeline timeline, TimelineLayout layout)
    {
        foreach (TimelineHostEvent e in timeline.HostEvents)
        {
            (int top, int bottom) = layout.GroupRows(e.Host);
            double x = X(layout, e.Ticks);
            (string css, string label) = e.Kind == HostEventKind.Crash ? ("host-crash", "✕ crash") : ("host-restart", "↻ restart");
            svg.Append(Invariant($"<g class=\"host-event {css}\" data-host=\"{Escape(e.Host)}\"><line data-t1=\"{e.Ticks}\" data-t2=\"{e.Ticks}\" x1=\"{x:0.##}\" y1=\"{top}\" x2=\"{x:0.##}\" y2=\"{bottom}\"/>"));
            svg.Append(Invariant($"<text data-t=\"{e.Ticks}\" data-dx=\"3\" x=\"{x + 3:0.##}\" y=\"{top + 15}\">{label}</text><title>{TraceTimeline.Milliseconds(e.Ticks)}: host {Escape(e.Host)} {(e.Kind == HostEventKind.Crash ? "crashes" : "restarts")}</title></g>"));
        }
    }

    private static double X(TimelineLayout layout, long ticks) => Math.Round(layout.X(ticks), 2);

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
