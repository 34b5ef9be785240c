namespace SimLoop.Networking;

/// <summary>The behaviour of one direction of a link between two hosts (or the network-wide default).</summary>
public sealed record LinkSettings
{
    /// <summary>Settings of a fast, perfect link: 1 ms fixed latency, infinite bandwidth, no loss.</summary>
    public static LinkSettings Default { get; } = new();

    /// <summary>How long a message takes to cross the link.</summary>
    public LatencyModel Latency { get; init; } = LatencyModel.Fixed(TimeSpan.FromMilliseconds(1));

    /// <summary>Bytes per second; 0 means infinite. Messages on one direction queue behind each other.</summary>
    public long BandwidthBytesPerSecond { get; init; }

    /// <summary>The probability that a message is lost (TCP retransmits it after a timeout; UDP loses it).</summary>
    public double LossRate { get; init; }

    /// <summary>The probability that a datagram is delivered twice (datagrams only).</summary>
    public double DuplicationRate { get; init; }

    /// <summary>The probability that a datagram gets an extra random delay, so that it may overtake or be overtaken.</summary>
    public double ReorderRate { get; init; }

    /// <summary>The largest extra delay of a reordered datagram.</summary>
    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Adds every out-of-range setting to <paramref name="problems"/>, each property prefixed with <paramref name="prefix"/>.</summary>
    internal void CollectProblems(OptionsProblems problems, string prefix = "")
    {
        if (Latency is null)
        {
            problems.Add(prefix + nameof(Latency), $"is required (for example {nameof(LatencyModel)}.{nameof(LatencyModel.Fixed)}(TimeSpan.FromMilliseconds(1)))");
        }

        if (BandwidthBytesPerSecond < 0)
        {
            problems.Add(prefix + nameof(BandwidthBytesPerSecond), $"cannot be negative (0 means infinite; it is {BandwidthBytesPerSecond})");
        }

        problems.Probability(prefix + nameof(LossRate), LossRate);
        problems.Probability(prefix + nameof(DuplicationRate), DuplicationRate);
        problems.Probability(prefix + nameof(ReorderRate), ReorderRate);
        if (ReorderDelay < TimeSpan.Zero)
        {
            problems.Add(prefix + nameof(ReorderDelay), $"cannot be negative (it is {ReorderDelay})");
        }
    }

    /// <summary>Throws one <see cref="OptionsValidationException"/> naming every out-of-range setting.</summary>
    /// <param name="argumentName">The name of the argument these settings came from.</param>
    internal void Validate(string argumentName)
    {
        var problems = new OptionsProblems();
        CollectProblems(problems);
        problems.ThrowIfAny(argumentName);
    }
}
