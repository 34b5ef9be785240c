namespace SimLoop.Networking;

/// <summary>What happened on the simulated network.</summary>
public enum NetworkEventKind
{
    /// <summary>A host was added.</summary>
    HostAdded,
    /// <summary>A stream connection attempt started.</summary>
    Connect,
    /// <summary>A host started listening for stream connections on a port.</summary>
    Listen,
    /// <summary>A datagram socket was bound to a port.</summary>
    Bind,
    /// <summary>A listener accepted a connection.</summary>
    Accept,
    /// <summary>A connection attempt was refused (no listener).</summary>
    Refused,
    /// <summary>A segment or datagram was put on a link.</summary>
    Sent,
    /// <summary>A segment or datagram arrived.</summary>
    Delivered,
    /// <summary>A segment or datagram was lost.</summary>
    Dropped,
    /// <summary>A segment or datagram was duplicated.</summary>
    Duplicated,
    /// <summary>A message was held in flight.</summary>
    Held,
    /// <summary>A held message was released.</summary>
    Released,
    /// <summary>A connection was reset.</summary>
    Reset,
    /// <summary>A side shut down its sending direction (FIN).</summary>
    Shutdown,
    /// <summary>A connection was closed.</summary>
    Closed,
    /// <summary>A fault was switched on or off (partition, repair, clog, unclog, crash, restart, link settings).</summary>
    Fault,
}

/// <summary>One network event, as recorded in a simulation trace: what happened, as data, and its text.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="AtTicks">The simulated instant, in ticks of 100 ns.</param>
/// <param name="From">The source host name (or the host the event concerns).</param>
/// <param name="To">The destination host name, or empty.</param>
/// <param name="Detail">A short, deterministic description (ports, sequence numbers, byte counts).</param>
public readonly record struct NetworkEvent(NetworkEventKind Kind, long AtTicks, string From, string To, string Detail)
{
    /// <summary>The message's id (unique in a network, from 1), or 0 when the event is not about one message.</summary>
    public long MessageId { get; init; }

    /// <summary>What the message carries, or null when the event is not about one message.</summary>
    public MessageKind? Message { get; init; }

    /// <summary>The connection (<c>localPort-&gt;remotePort</c> of the sending end) or datagram ports, or null.</summary>
    public string? Connection { get; init; }

    /// <summary>The message's payload length in bytes (0 for control messages).</summary>
    public int Length { get; init; }

    /// <summary>The first bytes of the message's payload (empty for control messages).</summary>
    public PayloadPrefix FirstBytes { get; init; }

    /// <summary>Which fault a <see cref="NetworkEventKind.Fault"/> event concerns; <see cref="NetworkFault.None"/> otherwise.</summary>
    public NetworkFault Fault { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{AtTicks} {Kind} {From}->{To} {Detail}";
}
