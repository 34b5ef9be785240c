using System.Text;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// The visible await-site label beside a step box (<c>OrderService.PlaceAsync:42</c>), drawn only where the lane has
/// room for it before its next step: the label carries that room in ticks (<c>data-room</c>, -1 for a lane's last
/// step) and its estimated width in pixels (<c>data-w</c>), so the page's zoom shows and hides it by the same rule.
/// </summary>
internal static class StepSiteLabels
{
    private const double CharWidth = 5.2; // 9 px system-ui text, on average
    private const double Gap = 8;

    /// <summary>For each step, the time of the next step in its lane, or null for the lane's last step.</summary>
    public static long?[] NextStepTimes(IReadOnlyList<TimelineStep> steps)
    {
        var next = new long?[steps.Count];
        var later = new Dictionary<long, long>();
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            next[i] = later.TryGetValue(steps[i].TaskId, out long t) ? t : null;
            later[steps[i].TaskId] = steps[i].TimeTicks;
        }

        return next;
    }

    public static void Append(StringBuilder svg, TimelineLayout layout, TimelineStep step, AwaitSite site, long? nextTicks, double x, int y)
    {
        double width = Math.Ceiling((site.Label.Length * CharWidth) + Gap);
        long room = nextTicks is { } next ? next - step.TimeTicks : -1;
        bool fits = room < 0 || room * layout.PixelsPerTick >= width;
        svg.Append(HtmlTimelineWriter.Invariant(
            $"<text class=\"step-site\" data-t=\"{step.TimeTicks}\" data-dx=\"5\" data-task=\"{step.TaskId}\" data-room=\"{room}\" data-w=\"{width}\" x=\"{x + 5:0.##}\" y=\"{y - 8}\"{(fits ? "" : " display=\"none\"")}>{HtmlTimelineWriter.Escape(site.Label)}</text>"));
    }
}
