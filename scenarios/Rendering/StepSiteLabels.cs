using System.Text;
using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// The visible await-site label beside a step box (<c>OrderService.PlaceAsync:42</c>), drawn only where the lane has
/// room for it before what follows in the lane (its next step, or the first bytes of a message it sends): the label
/// carries that room in ticks (<c>data-room</c>, plus <c>data-margin</c> pixels for a lane's last step) and its
/// estimated width in pixels (<c>data-w</c>), so the page's zoom shows and hides it by the same rule.
/// </summary>
internal static class StepSiteLabels
{
    private const double CharWidth = 5.2; // 9 px system-ui text, on average
    private const double Gap = 8;

    /// <summary>
    /// For each step, the time of what follows it in its lane and would overlap its label: the lane's next step, or
    /// the first bytes of a message the lane sends from this step on; null when nothing follows.
    /// </summary>
    public static long?[] NextObstacles(IReadOnlyList<TimelineStep> steps, IReadOnlyList<TimelineMessage> messages)
    {
        var texts = messages.Where(m => m.Text is not null && m.Kind is MessageKind.Data or MessageKind.Datagram)
            .GroupBy(m => m.FromTask).ToDictionary(g => g.Key, g => g.Select(m => (m.SentOrder, m.SentTicks)).ToArray());
        var next = new long?[steps.Count];
        var later = new Dictionary<long, long>();
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            TimelineStep step = steps[i];
            long? obstacle = later.TryGetValue(step.TaskId, out long t) ? t : null;
            if (texts.TryGetValue(step.TaskId, out var sent) && sent.FirstOrDefault(m => m.SentOrder > step.Order) is { SentOrder: > 0 } text &&
                (obstacle is null || text.SentTicks < obstacle))
            {
                obstacle = text.SentTicks;
            }

            next[i] = obstacle;
            later[step.TaskId] = step.TimeTicks;
        }

        return next;
    }

    /// <summary>Appends the label; a lane's last step has room to the picture's right margin.</summary>
    public static void Append(StringBuilder svg, TimelineLayout layout, long endTicks, TimelineStep step, AwaitSite site, long? nextTicks, double x, int y)
    {
        double width = Math.Ceiling((site.Label.Length * CharWidth) + Gap);
        long room = (nextTicks ?? endTicks) - step.TimeTicks;
        double margin = nextTicks is null ? TimelineLayout.RightMargin : 0;
        bool fits = (room * layout.PixelsPerTick) + margin >= width;
        svg.Append(HtmlTimelineWriter.Invariant(
            $"<text class=\"step-site\" data-t=\"{step.TimeTicks}\" data-dx=\"5\" data-task=\"{step.TaskId}\" data-room=\"{room}\" data-margin=\"{margin}\" data-w=\"{width}\" x=\"{x + 5:0.##}\" y=\"{y - 8}\" display=\"{(fits ? "inline" : "none")}\">{HtmlTimelineWriter.Escape(site.Label)}</text>"));
    }
}
