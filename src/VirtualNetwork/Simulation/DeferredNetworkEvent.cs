namespace SimLoop.Networking;

/// <summary>
/// A network event about one message, kept as its parts (by value: no reference to the message, its payload or its
/// callbacks) so that a recording trace formats nothing per event; <see cref="Build"/> makes the
/// <see cref="NetworkEvent"/>, text included, when the trace is read. The result equals what recording it at once gives.
/// </summary>
internal sealed class DeferredNetworkEvent
{
    private readonly long _atTicks;
    private readonly long _messageId;
    private readonly MessageDetail _detail;
    private readonly string? _why;
    private readonly PayloadPrefix _firstBytes;
    private readonly MessageKind _message;
    private readonly int _length;

    public DeferredNetworkEvent(NetworkEventKind kind, long atTicks, Transmission message, string? why)
    {
        Kind = kind;
        _atTicks = atTicks;
        From = message.From.Name;
        To = message.To.Name;
        _messageId = message.Id;
        _message = message.Kind;
        _detail = message.Detail;
        _length = message.Size;
        _why = why;
        _firstBytes = PayloadPrefix.Of(message.Delivery.Payload.Span);
    }

    public NetworkEventKind Kind { get; }

    public string From { get; }

    public string To { get; }

    /// <summary>The event as recording it at once would have made it.</summary>
    public NetworkEvent Build()
    {
        string text = Transmission.Describe(_message, _messageId, _detail);
        return new NetworkEvent(Kind, _atTicks, From, To, _why is null ? text : $"{text} {_why}")
        {
            MessageId = _messageId,
            Message = _message,
            Connection = _detail.Text,
            Length = _length,
            FirstBytes = _firstBytes,
        };
    }

    public override string ToString() => Build().ToString();
}

/// <summary>A scheduler whose trace keeps <see cref="DeferredNetworkEvent"/>s and builds their events when read.</summary>
internal interface IDeferredNetworkRecording
{
    /// <summary>Records <paramref name="networkEvent"/> at the current instant, in place of its built <see cref="NetworkEvent"/>.</summary>
    void Record(DeferredNetworkEvent networkEvent);
}
