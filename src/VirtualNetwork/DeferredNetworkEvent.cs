namespace SimLoop.Networking;

/// <summary>
/// A network event about one message, kept as its parts (by value: no reference to the message, its payload or its
/// callbacks) so that a recording trace formats nothing per event; <see cref="Build"/> makes the
/// <see cref="NetworkEvent"/>, text included, when the trace is read. The result equals what recording it at once gives.
/// </summary>
internal sealed class DeferredNetworkEvent
{
    private readonly long _atTicks;
    private readonly RecordedMessage _message;
    private readonly string? _why;

    public DeferredNetworkEvent(NetworkEventKind kind, long atTicks, Transmission message, string? why)
    {
        Kind = kind;
        _atTicks = atTicks;
        _message = message.Recorded ??= new RecordedMessage(message); // one snapshot per message, shared by its events
        _why = why;
    }

    public NetworkEventKind Kind { get; }

    public string From => _message.From;

    public string To => _message.To;

    /// <summary>The event as recording it at once would have made it.</summary>
    public NetworkEvent Build()
    {
        RecordedMessage m = _message;
        string text = Transmission.Describe(m.Kind, m.Id, m.Detail);
        return new NetworkEvent(Kind, _atTicks, m.From, m.To, _why is null ? text : $"{text} {_why}")
        {
            MessageId = m.Id,
            Message = m.Kind,
            Connection = m.Detail.Text,
            Length = m.Size,
            FirstBytes = m.FirstBytes,
        };
    }

    public override string ToString() => Build().ToString();
}

/// <summary>
/// What a trace keeps of a message, by value (no reference to the message, its payload or its callbacks), taken at
/// its first recorded event; the message's recorded fields never change after it is sent.
/// </summary>
internal sealed class RecordedMessage(Transmission message)
{
    public string From { get; } = message.From.Name;

    public string To { get; } = message.To.Name;

    public long Id { get; } = message.Id;

    public MessageKind Kind { get; } = message.Kind;

    public MessageDetail Detail { get; } = message.Detail;

    public int Size { get; } = message.Size;

    public PayloadPrefix FirstBytes { get; } = PayloadPrefix.Of(message.Delivery.Payload.Span);
}

/// <summary>A scheduler whose trace keeps <see cref="DeferredNetworkEvent"/>s and builds their events when read.</summary>
internal interface IDeferredNetworkRecording
{
    /// <summary>Records <paramref name="networkEvent"/> at the current instant, in place of its built <see cref="NetworkEvent"/>.</summary>
    void Record(DeferredNetworkEvent networkEvent);
}
