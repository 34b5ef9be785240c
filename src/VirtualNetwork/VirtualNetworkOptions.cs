namespace SimLoop.Networking;

/// <summary>
/// Settings of a <see cref="VirtualNetwork"/>: plain properties, validated once when the network is constructed
/// (<see cref="Validate"/>), where one <see cref="OptionsValidationException"/> lists every setting out of range.
/// </summary>
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

    /// <summary>
    /// How long a connect may stay pending before it fails with <c>SocketError.TimedOut</c>, whatever SYN retries are
    /// left. Null (the default) or <see cref="Timeout.InfiniteTimeSpan"/> sets no such timer: the connect then fails
    /// when the SYN retries are spent (<see cref="MaxSynRetransmissions"/>; 127 s with the defaults, as Linux's
    /// <c>tcp_syn_retries = 6</c>). A timeout too far to be reached (such as <see cref="TimeSpan.MaxValue"/>) never fires.
    /// </summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>
    /// The first retransmission timeout of a lost stream message, and of a zero-window probe; it doubles at each retry
    /// (up to <see cref="MaxRetransmissionTimeout"/>). <see cref="TimeSpan.MaxValue"/> means never: a lost message is
    /// never sent again and never times out.
    /// </summary>
    public TimeSpan RetransmissionTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest retransmission timeout, after doubling (Linux's TCP_RTO_MAX, 120 s, by default).</summary>
    public TimeSpan MaxRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The first retransmission timeout of a connection request (SYN); it doubles at each retry, capped by <see cref="MaxRetransmissionTimeout"/>. Linux's 1 s by default.</summary>
    public TimeSpan SynRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Retries of one lost stream message (and of an unanswered zero-window probe) before the connection
    /// fails with <c>SocketError.TimedOut</c> (when the last retry's timeout expires). With the defaults (15, 200 ms
    /// doubling to 120 s) that is 924.6 s, as Linux's <c>tcp_retries2 = 15</c>.
    /// </summary>
    public int MaxRetransmissions { get; init; } = 15;

    /// <summary>
    /// Retries of an unanswered connection request (SYN) before the connect fails with <c>SocketError.TimedOut</c>,
    /// when the last retry's timeout expires: 6 by default (Linux's <c>tcp_syn_retries</c>; with
    /// <see cref="SynRetransmissionTimeout"/> 1 s doubling: 1 + 2 + 4 + 8 + 16 + 32 + 64 = 127 s). Null retries until
    /// <see cref="ConnectTimeout"/> or the caller's cancellation ends the connect (forever when both are absent).
    /// </summary>
    public int? MaxSynRetransmissions { get; init; } = 6;

    /// <summary>The first ephemeral port allocated on each host (then upward, skipping ports in use).</summary>
    public int FirstEphemeralPort { get; init; } = 49152;

    /// <summary>The settings of every link that has no settings of its own.</summary>
    public LinkSettings DefaultLink { get; init; } = LinkSettings.Default;

    /// <summary>Checks every setting at once, as the network does when it is constructed.</summary>
    /// <exception cref="OptionsValidationException">Settings are out of range: one exception (parameter <c>options</c>) lists every one of them.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        CollectProblems(problems);
        problems.ThrowIfAny("options");
    }

    /// <summary>Adds every out-of-range setting to <paramref name="problems"/>, each property prefixed with <paramref name="prefix"/>.</summary>
    internal void CollectProblems(OptionsProblems problems, string prefix = "")
    {
        problems.AtLeast(prefix + nameof(Mtu), Mtu, 1);
        problems.AtLeast(prefix + nameof(SendBufferSize), SendBufferSize, 1);
        problems.AtLeast(prefix + nameof(ReceiveBufferSize), ReceiveBufferSize, 1);
        problems.AtLeast(prefix + nameof(MaxDatagramSize), MaxDatagramSize, 0);
        problems.AtLeast(prefix + nameof(DatagramReceiveBufferSize), DatagramReceiveBufferSize, 0);
        problems.AtLeast(prefix + nameof(MaxRetransmissions), MaxRetransmissions, 0);
        if (MaxSynRetransmissions is { } synRetries)
        {
            problems.AtLeast(prefix + nameof(MaxSynRetransmissions), synRetries, 0);
        }

        if (FirstEphemeralPort is < 1 or > 65535)
        {
            problems.Add(prefix + nameof(FirstEphemeralPort), $"must be a port number between 1 and 65535 (it is {FirstEphemeralPort})");
        }

        if (ConnectTimeout is { } timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add(prefix + nameof(ConnectTimeout), $"must be positive, Timeout.InfiniteTimeSpan, or null to rely on the SYN retries (it is {timeout})");
        }

        RequirePositive(problems, prefix + nameof(RetransmissionTimeout), RetransmissionTimeout);
        RequirePositive(problems, prefix + nameof(SynRetransmissionTimeout), SynRetransmissionTimeout);
        if (MaxRetransmissionTimeout < RetransmissionTimeout)
        {
            problems.Add(prefix + nameof(MaxRetransmissionTimeout), $"must be at least {nameof(RetransmissionTimeout)} ({RetransmissionTimeout}; it is {MaxRetransmissionTimeout})");
        }

        if (DefaultLink is null)
        {
            problems.Add(prefix + nameof(DefaultLink), $"is required (use {nameof(LinkSettings)}.{nameof(LinkSettings.Default)} for a perfect link)");
        }
        else
        {
            DefaultLink.CollectProblems(problems, $"{prefix}{nameof(DefaultLink)}.");
        }
    }

    private static void RequirePositive(OptionsProblems problems, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(property, $"must be positive (TimeSpan.MaxValue for never; it is {value})");
        }
    }
}
