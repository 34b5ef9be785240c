namespace SimLoop.Networking;

/// <summary>Settings of a <see cref="VirtualNetwork"/>, validated when the network is constructed.</summary>
public sealed class VirtualNetworkOptions
{
    /// <summary>The largest payload of one stream segment, in bytes.</summary>
    public int Mtu { get; init; } = 1460;

    /// <summary>Bytes a stream end buffers before the writer must wait (bytes written but not yet sent).</summary>
    public int SendBufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// The receive window: a sender may have at most this many bytes sent but not yet read by the receiving application.
    /// </summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;

    /// <summary>The largest datagram payload; larger sends fail with <c>SocketError.MessageSize</c>.</summary>
    public int MaxDatagramSize { get; init; } = 65507;

    /// <summary>Bytes of unread datagrams a datagram socket queues before it drops new ones.</summary>
    public int DatagramReceiveBufferSize { get; init; } = 1024 * 1024;

    /// <summary>How long a connect may stay pending before it fails with <c>SocketError.TimedOut</c>; null waits forever.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>The first retransmission timeout of a lost stream message; it doubles at each retry.</summary>
    public TimeSpan RetransmissionTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest retransmission timeout, after doubling (Linux's TCP_RTO_MAX, 120 s, by default).</summary>
    public TimeSpan MaxRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The first retransmission timeout of a connection request (SYN); it doubles at each retry, capped by <see cref="MaxRetransmissionTimeout"/>. Linux's 1 s by default.</summary>
    public TimeSpan SynRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of one lost stream message before the connection fails with <c>SocketError.TimedOut</c>.</summary>
    public int MaxRetransmissions { get; init; } = 15;

    /// <summary>Retries of an unanswered connection request; null retries until the connect times out or is cancelled.</summary>
    public int? MaxSynRetransmissions { get; init; } = 6;

    /// <summary>The first ephemeral port allocated on each host (then upward, skipping ports in use).</summary>
    public int FirstEphemeralPort { get; init; } = 49152;

    /// <summary>The settings of every link that has no settings of its own.</summary>
    public LinkSettings DefaultLink { get; init; } = LinkSettings.Default;

    /// <summary>Throws an exception naming the bad setting.</summary>
    /// <param name="argumentName">The name of the argument these options came from.</param>
    internal void Validate(string argumentName)
    {
        ThrowIfLessThan(Mtu, 1, nameof(Mtu), argumentName);
        ThrowIfLessThan(SendBufferSize, 1, nameof(SendBufferSize), argumentName);
        ThrowIfLessThan(ReceiveBufferSize, 1, nameof(ReceiveBufferSize), argumentName);
        ThrowIfLessThan(MaxDatagramSize, 0, nameof(MaxDatagramSize), argumentName);
        ThrowIfLessThan(DatagramReceiveBufferSize, 0, nameof(DatagramReceiveBufferSize), argumentName);
        ThrowIfLessThan(MaxRetransmissions, 0, nameof(MaxRetransmissions), argumentName);
        ThrowIfLessThan(MaxSynRetransmissions ?? 0, 0, nameof(MaxSynRetransmissions), argumentName);
        ThrowIfLessThan(FirstEphemeralPort, 1, nameof(FirstEphemeralPort), argumentName);
        if (FirstEphemeralPort > 65535)
        {
            throw new ArgumentOutOfRangeException(argumentName, FirstEphemeralPort, $"{argumentName}.{nameof(FirstEphemeralPort)} must be a port number (at most 65535).");
        }

        if (ConnectTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(argumentName, timeout, $"{argumentName}.{nameof(ConnectTimeout)} must be positive (or null for none).");
        }

        if (RetransmissionTimeout <= TimeSpan.Zero || MaxRetransmissionTimeout < RetransmissionTimeout)
        {
            throw new ArgumentOutOfRangeException(argumentName, RetransmissionTimeout, $"{argumentName}.{nameof(RetransmissionTimeout)} must be positive and at most {nameof(MaxRetransmissionTimeout)}.");
        }

        if (DefaultLink is null)
        {
            throw new ArgumentNullException(argumentName, $"{argumentName}.{nameof(DefaultLink)} is required.");
        }

        DefaultLink.Validate($"{argumentName}.{nameof(DefaultLink)}");
    }

    private static void ThrowIfLessThan(int value, int minimum, string property, string argumentName)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(argumentName, value, $"{argumentName}.{property} must be at least {minimum}.");
        }
    }
}
