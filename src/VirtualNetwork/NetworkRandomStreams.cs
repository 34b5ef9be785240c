namespace SimLoop.Networking;

/// <summary>
/// The names of the random streams the network asks its <see cref="INetworkScheduler"/> for. The core lists them
/// with every other stream of a run (<c>SimLoop.Choices.RandomStreams</c>); the network never derives seeds itself.
/// At every draw site 0 is the simplest value: minimum latency, no loss, no duplicate, no reordering.
/// </summary>
public static class NetworkRandomStreams
{
    /// <summary>The latency of each message.</summary>
    public const string Latency = "net.latency";

    /// <summary>Whether a message is lost.</summary>
    public const string Loss = "net.loss";

    /// <summary>Whether a datagram is duplicated.</summary>
    public const string Duplicate = "net.duplicate";

    /// <summary>Whether a datagram is reordered, and its extra delay.</summary>
    public const string Reorder = "net.reorder";

    /// <summary>Swizzle-clogging: which hosts, in which order, at which intervals.</summary>
    public const string Swizzle = "net.swizzle";
}
