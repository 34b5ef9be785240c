using System.Globalization;
using System.Net;
using System.Text;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// A self-contained HTML page (no external assets) with an SVG timeline: a lane per task grouped by host, steps as
/// boxes, messages as arrows, faults as shaded bands, the failure marked; every element has a <c>title</c> for hover.
/// </summary>
internal static class HtmlTimelineWriter
{
    private const int LabelWidth = 220;
    private const int SlotWidth = 12;
    private const int LaneHeight = 30;
    private const int AxisHeight = 40;

    public static string Write(TraceTimeline timeline)
    {
        int slots = Math.Max(1, timeline.SlotTimes.Count);
        int width = LabelWidth + (slots * SlotWidth) + 40;
        int height = AxisHeight + (timeline.Lanes.Count * LaneHeight) + 20;
        var laneOf = timeline.Lanes.ToDictionary(l => l.TaskId, l => l.Index);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"));
        svg.Append("<defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#2563eb\"/></marker></defs>");
        foreach (TimelineLane lane in timeline.Lanes)
        {
            int y = LaneY(lane.Index);
            svg.Append(Invariant($"<g class=\"lane\" data-host=\"{Escape(lane.Host)}\" data-task=\"{lane.TaskId}\">"));
            svg.Append(Invariant($"<rect class=\"lane-bg\" x=\"0\" y=\"{y - (LaneHeight / 2)}\" width=\"{width}\" height=\"{LaneHeight}\"/>"));
            svg.Append(Invariant($"<text x=\"8\" y=\"{y + 4}\">{Escape(lane.Name)}</text><title>{Escape(lane.Name)} (task {lane.TaskId} on {Escape(lane.Host)})</title></g>"));
        }

        foreach (TimelineFault fault in timeline.Faults)
        {
            foreach (TimelineLane lane in timeline.Lanes.Where(l => fault.Hosts.Contains(l.Host)))
            {
                svg.Append(Invariant($"<rect class=\"fault fault-{fault.Kind}\" x=\"{SlotX(fault.StartSlot)}\" y=\"{LaneY(lane.Index) - (LaneHeight / 2)}\" width=\"{Math.Max(SlotWidth, (fault.EndSlot - fault.StartSlot) * SlotWidth)}\" height=\"{LaneHeight}\">"));
                svg.Append(Invariant($"<title>{Escape(fault.Kind)} from {TraceTimeline.Milliseconds(fault.StartTicks)}: {Escape(fault.Detail)}</title></rect>"));
            }
        }

        AppendAxis(svg, timeline, height);
        foreach (TimelineStep step in timeline.Steps)
        {
            if (laneOf.TryGetValue(step.TaskId, out int lane))
            {
                svg.Append(Invariant($"<rect class=\"step\" x=\"{SlotX(step.Slot) - 4}\" y=\"{LaneY(lane) - 7}\" width=\"8\" height=\"14\"><title>{TraceTimeline.Milliseconds(step.TimeTicks)}: {Escape(timeline.Lanes[lane].Name)} runs a step</title></rect>"));
            }
        }

        var storageLanes = timeline.Lanes.Where(l => l.TaskId <= TraceTimeline.StorageLaneId(0)).ToDictionary(l => l.Host, l => l.Index, StringComparer.Ordinal);
        foreach (TimelineStorageEvent op in timeline.StorageEvents)
        {
            if (storageLanes.TryGetValue(op.Host, out int lane))
            {
                string css = op.Text.Contains("crash", StringComparison.Ordinal) || op.Text.Contains("fault", StringComparison.Ordinal) ? "storage storage-fault" : "storage";
                svg.Append(Invariant($"<rect class=\"{css}\" x=\"{SlotX(op.Slot) - 4}\" y=\"{LaneY(lane) - 5}\" width=\"8\" height=\"10\" transform=\"rotate(45 {SlotX(op.Slot)} {LaneY(lane)})\"><title>{TraceTimeline.Milliseconds(op.Ticks)}: {Escape(op.Host)} storage {Escape(op.Text)}</title></rect>"));
            }
        }

        foreach (TimelineMessage message in timeline.Messages)
        {
            if (!laneOf.TryGetValue(message.FromTask, out int from) || !laneOf.TryGetValue(message.ToTask, out int to))
            {
                continue;
            }

            int endSlot = message.ArrivedSlot ?? message.SentSlot + 2;
            string css = message.Dropped || message.ArrivedSlot is null ? "arrow dropped" : "arrow";
            string fate = message.ArrivedTicks is { } at ? (message.Dropped ? "dropped at " : "arrived at ") + TraceTimeline.Milliseconds(at) : "never arrived";
            svg.Append(Invariant($"<line class=\"{css}\" x1=\"{SlotX(message.SentSlot)}\" y1=\"{LaneY(from)}\" x2=\"{SlotX(endSlot)}\" y2=\"{LaneY(to)}\" marker-end=\"url(#head)\">"));
            svg.Append(Invariant($"<title>{Escape(message.From)} → {Escape(message.To)}: {Escape(message.Label)}; sent at {TraceTimeline.Milliseconds(message.SentTicks)}, {fate}</title></line>"));
        }

        if (timeline.Failure is { } failure)
        {
            int x = SlotX(slots - 1) + 6;
            svg.Append(Invariant($"<line class=\"failure\" x1=\"{x}\" y1=\"{AxisHeight - 10}\" x2=\"{x}\" y2=\"{height - 10}\"><title>{Escape(failure)}</title></line>"));
        }

        svg.Append("</svg>");
        return Page(timeline, svg.ToString());
    }

    private static void AppendAxis(StringBuilder svg, TraceTimeline timeline, int height)
    {
        long lastLabelled = -1;
        int lastX = -1000;
        for (int slot = 0; slot < timeline.SlotTimes.Count; slot++)
        {
            long ticks = timeline.SlotTimes[slot];
            int x = SlotX(slot);
            if (ticks != lastLabelled && x - lastX >= 70)
            {
                svg.Append(Invariant($"<g class=\"tick\"><line x1=\"{x}\" y1=\"{AxisHeight - 12}\" x2=\"{x}\" y2=\"{height - 10}\"/><text x=\"{x + 2}\" y=\"{AxisHeight - 16}\">{TraceTimeline.Milliseconds(ticks)}</text></g>"));
                lastLabelled = ticks;
                lastX = x;
            }
        }
    }

    private static string Page(TraceTimeline timeline, string svg) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Escape(timeline.Title)}}</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 16px; }
        .scroll { overflow-x: auto; border: 1px solid #ddd; }
        svg text { font-size: 11px; fill: #111; }
        .lane-bg { fill: #fafafa; stroke: #eee; }
        .storage { fill: #7c3aed; }
        .storage-fault { fill: #dc2626; }
        .lane:nth-of-type(even) .lane-bg { fill: #f3f4f6; }
        .step { fill: #16a34a; }
        .arrow { stroke: #2563eb; stroke-width: 1.2; }
        .arrow.dropped { stroke: #9ca3af; stroke-dasharray: 4 3; }
        .fault { opacity: 0.25; }
        .fault-crash { fill: #dc2626; } .fault-partition { fill: #f59e0b; } .fault-clog { fill: #7c3aed; } .fault-hold { fill: #0ea5e9; }
        .tick line { stroke: #e5e7eb; } .tick text { fill: #6b7280; font-size: 10px; }
        .failure { stroke: #dc2626; stroke-width: 3; }
        </style></head>
        <body>
        <h1>{{Escape(timeline.Title)}}</h1>
        <p class="outcome">{{(timeline.Failure is { } f ? "Failed: " + Escape(f) : "Passed")}}</p>
        <p>{{timeline.Lanes.Count}} lanes on {{timeline.Hosts.Count}} hosts, {{timeline.Steps.Count}} steps, {{timeline.Messages.Count}} messages, {{timeline.Faults.Count}} faults. The axis has one column per event, labelled with virtual time; hover for details.</p>
        <div class="scroll">{{svg}}</div>
        </body></html>
        """;

    private static int SlotX(int slot) => LabelWidth + (slot * SlotWidth) + (SlotWidth / 2);

    private static int LaneY(int lane) => AxisHeight + (lane * LaneHeight) + (LaneHeight / 2);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
