namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// Where things go in the HTML timeline: a linear virtual-time axis (x = origin + ticks × scale, the same formula the
/// page's zoom uses) and rows, a header per lane group (host) followed by its lanes.
/// </summary>
internal sealed class TimelineLayout
{
    public const int LabelWidth = 250;
    public const int Origin = LabelWidth + 20;
    public const int AxisHeight = 44;
    public const int HeaderHeight = 22;
    public const int LaneHeight = 30;
    public const int RightMargin = 240; // room for the failure mark and the await-site labels of the last steps
    private const double TargetWidth = 1400;

    private readonly Dictionary<long, int> _laneY = new();
    private readonly Dictionary<string, (int Top, int Bottom)> _groupRows = new(StringComparer.Ordinal);

    public TimelineLayout(TraceTimeline timeline)
    {
        // A scale that fits the run in about TargetWidth pixels, between 0.02 and 400 px per millisecond.
        double ms = Math.Max(timeline.EndTicks / (double)TimeSpan.TicksPerMillisecond, 0.001);
        PixelsPerTick = Math.Clamp(TargetWidth / ms, 0.02, 400) / TimeSpan.TicksPerMillisecond;
        int y = AxisHeight;
        foreach (TimelineGroup group in timeline.Groups)
        {
            int top = y;
            y += HeaderHeight;
            foreach (TimelineLane lane in timeline.Lanes.Where(l => l.Group == group))
            {
                _laneY[lane.TaskId] = y + (LaneHeight / 2);
                y += LaneHeight;
            }

            _groupRows[group.Name] = (top, y);
        }

        Height = y + 24;
        Width = (int)Math.Ceiling(X(timeline.EndTicks)) + RightMargin;
    }

    public double PixelsPerTick { get; }

    public int Width { get; }

    public int Height { get; }

    public double X(long ticks) => Origin + (ticks * PixelsPerTick);

    public bool TryLaneY(long laneTaskId, out int y) => _laneY.TryGetValue(laneTaskId, out y);

    public (int Top, int Bottom) GroupRows(string group) => _groupRows[group];
}
