namespace SimLoop.Networking;

/// <summary>How long a message takes to cross a link once it is on the wire.</summary>
public sealed record LatencyModel
{
    private LatencyModel(LatencyShape shape, TimeSpan min, TimeSpan max)
    {
        Shape = shape;
        Min = min;
        Max = max;
    }

    /// <summary>The distribution's shape.</summary>
    public LatencyShape Shape { get; }

    /// <summary>The smallest latency.</summary>
    public TimeSpan Min { get; }

    /// <summary>The largest latency.</summary>
    public TimeSpan Max { get; }

    /// <summary>Always the same latency.</summary>
    /// <param name="latency">The latency (zero or more).</param>
    /// <returns>The model.</returns>
    public static LatencyModel Fixed(TimeSpan latency)
    {
        ThrowIfNegative(latency, nameof(latency));
        return new LatencyModel(LatencyShape.Fixed, latency, latency);
    }

    /// <summary>A latency drawn uniformly between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <param name="min">The smallest latency (zero or more).</param>
    /// <param name="max">The largest latency (at least <paramref name="min"/>).</param>
    /// <returns>The model.</returns>
    public static LatencyModel Uniform(TimeSpan min, TimeSpan max) => Create(LatencyShape.Uniform, min, max);

    /// <summary>
    /// <paramref name="min"/> plus an exponentially distributed extra with mean a quarter of the range, clamped at
    /// <paramref name="max"/>: most messages are fast, a few are slow (like turmoil's latency curve).
    /// </summary>
    /// <param name="min">The smallest latency (zero or more).</param>
    /// <param name="max">The largest latency (at least <paramref name="min"/>).</param>
    /// <returns>The model.</returns>
    public static LatencyModel Exponential(TimeSpan min, TimeSpan max) => Create(LatencyShape.Exponential, min, max);

    /// <summary>Draws one latency, in ticks, from <paramref name="random"/> (no draw for a fixed model).</summary>
    internal long SampleTicks(Random random)
    {
        long range = Max.Ticks - Min.Ticks;
        return Shape switch
        {
            LatencyShape.Uniform => Min.Ticks + random.NextInt64(VirtualDeadline.After(range, 1)),
            LatencyShape.Exponential => Min.Ticks + ExponentialExtra(random, range),
            _ => Min.Ticks,
        };
    }

    /// <summary>An exponentially distributed extra with mean a quarter of <paramref name="range"/>, clamped at it (no overflow for huge ranges).</summary>
    private static long ExponentialExtra(Random random, long range)
    {
        double extra = -Math.Log(1.0 - random.NextDouble()) * range / 4.0;
        return extra >= range ? range : (long)extra;
    }

    private static LatencyModel Create(LatencyShape shape, TimeSpan min, TimeSpan max)
    {
        ThrowIfNegative(min, nameof(min));
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "The largest latency must be at least the smallest one.");
        }

        return new LatencyModel(shape, min, max);
    }

    private static void ThrowIfNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "A latency cannot be negative.");
        }
    }
}
