namespace SimLoop.Networking;

/// <summary>One message put on a link: its route, its payload size, and what happens when it arrives or is lost.</summary>
internal sealed class Transmission
{
    public Transmission(VirtualNetwork network, long id, VirtualHost from, VirtualHost to, MessageKind kind, int size, MessageDetail detail, long sentAtTicks)
    {
        Network = network;
        Id = id;
        From = from;
        To = to;
        Kind = kind;
        Size = size;
        Detail = detail;
        SentAtTicks = sentAtTicks;
    }

    public VirtualNetwork Network { get; }

    public long Id { get; }

    public VirtualHost From { get; }

    public VirtualHost To { get; }

    public MessageKind Kind { get; }

    public int Size { get; }

    /// <summary>A deterministic description for the trace (ports, sequence numbers, byte counts).</summary>
    public MessageDetail Detail { get; }

    public long SentAtTicks { get; }

    public InFlightState State { get; set; }

    /// <summary>
    /// The scheduled arrival: an <see cref="IScheduledCallback"/>, or the token of an <see cref="IDirectNetworkScheduling"/>
    /// scheduler; null when none is scheduled.
    /// </summary>
    public object? ArrivalCallback { get; set; }

    /// <summary>The state of the link the message travels on (looked up once, at send).</summary>
    public LinkState? Link { get; set; }

    /// <summary>The previous undelivered message (lower id), while this one is undelivered.</summary>
    public Transmission? PreviousInTransit { get; set; }

    /// <summary>The next undelivered message (higher id), while this one is undelivered.</summary>
    public Transmission? NextInTransit { get; set; }

    /// <summary>What the receiver does with the message.</summary>
    public Delivery Delivery { get; init; }

    /// <summary>How a lost message is retransmitted, or null when it is not (datagrams, resets).</summary>
    public Reliability? Reliability { get; init; }

    /// <summary>The trace's snapshot of this message, taken at its first deferred event (see <see cref="DeferredNetworkEvent"/>).</summary>
    public RecordedMessage? Recorded { get; set; }

    public InFlightMessage ToInFlightMessage() => new(Id, From.Name, To.Name, Kind, Size, State);

    public override string ToString() => Describe(Kind, Id, Detail);

    /// <summary>The message's arrival is due (scheduled by <see cref="VirtualNetwork"/>).</summary>
    internal void Arrive() => Network.Arrive(this);

    /// <summary>A message's text in the trace (shared with <see cref="DeferredNetworkEvent"/>, which formats it when read).</summary>
    internal static string Describe(MessageKind kind, long id, MessageDetail detail) => $"{kind} #{id} {detail}";
}

/// <summary>
/// What happens when a message arrives: a callback, or (for the stream messages sent per segment, without a closure
/// each) a call on the receiving stream end with the message's sequence number and payload.
/// </summary>
/// <param name="OnArrive">The callback (returns null when accepted, or why the receiver dropped it), or null for <paramref name="Stream"/>.</param>
/// <param name="Stream">The receiving stream end, when <paramref name="OnArrive"/> is null.</param>
/// <param name="Sequence">The sequence or acknowledgement number given to <paramref name="Stream"/>.</param>
/// <param name="Payload">The bytes given to <paramref name="Stream"/>.</param>
internal readonly record struct Delivery(Func<string?>? OnArrive, VirtualStream? Stream = null, long Sequence = 0, ReadOnlyMemory<byte> Payload = default)
{
    public static implicit operator Delivery(Func<string?> onArrive) => new(onArrive);

    /// <summary>Hands <paramref name="message"/> to its receiver; returns null when accepted, or the reason it was dropped.</summary>
    public string? Deliver(Transmission message) =>
        OnArrive is { } onArrive ? onArrive() : Stream!.Receive(message.Kind, Sequence, Payload);
}

/// <summary>
/// Retransmission of a stream message after each loss, while <paramref name="IsWanted"/>, up to <paramref name="MaxRetries"/>
/// times, the timeout starting at <paramref name="FirstTimeoutTicks"/> and doubling.
/// </summary>
/// <param name="IsWanted">Whether the sender still wants the message delivered.</param>
/// <param name="OnGiveUp">Runs when the last retry's timeout expires (if still wanted).</param>
/// <param name="MaxRetries">The retry limit, or null for none.</param>
/// <param name="FirstTimeoutTicks">The first retransmission timeout.</param>
internal sealed record Reliability(Func<bool> IsWanted, Action OnGiveUp, int? MaxRetries, long FirstTimeoutTicks);
