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

    /// <summary>Throws if a setting is out of range.</summary>
    /// <param name="argumentName">The name of the argument these settings came from, for the exception.</param>
    internal void Validate(string argumentName)
    {
        if (Latency is null)
        {
            throw new ArgumentNullException(argumentName, $"{argumentName}.{nameof(Latency)} is required.");
        }

        if (BandwidthBytesPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(argumentName, BandwidthBytesPerSecond, $"{argumentName}.{nameof(BandwidthBytesPerSecond)} cannot be negative (0 means infinite).");
        }

        ThrowIfNotProbability(LossRate, nameof(LossRate), argumentName);
        ThrowIfNotProbability(DuplicationRate, nameof(DuplicationRate), argumentName);
        ThrowIfNotProbability(ReorderRate, nameof(ReorderRate), argumentName);
        if (ReorderDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(argumentName, ReorderDelay, $"{argumentName}.{nameof(ReorderDelay)} cannot be negative.");
        }
    }

    private static void ThrowIfNotProbability(double value, string property, string argumentName)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentOutOfRangeException(argumentName, value, $"{argumentName}.{property} must be a probability between 0 and 1.");
        }
    }
}
