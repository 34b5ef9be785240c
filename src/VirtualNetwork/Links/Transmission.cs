namespace SimLoop.Networking;

/// <summary>One message put on a link: its route, its payload size, and what happens when it arrives or is lost.</summary>
internal sealed class Transmission
{
    public Transmission(long id, VirtualHost from, VirtualHost to, MessageKind kind, int size, MessageDetail detail, long sentAtTicks)
    {
        Id = id;
        From = from;
        To = to;
        Kind = kind;
        Size = size;
        Detail = detail;
        SentAtTicks = sentAtTicks;
    }

    public long Id { get; }

    public VirtualHost From { get; }

    public VirtualHost To { get; }

    public MessageKind Kind { get; }

    public int Size { get; }

    /// <summary>A deterministic description for the trace (ports, sequence numbers, byte counts).</summary>
    public MessageDetail Detail { get; }

    public long SentAtTicks { get; }

    public InFlightState State { get; set; }

    /// <summary>The id of the scheduled arrival callback, or -1.</summary>
    public long ArrivalCallbackId { get; set; } = -1;

    /// <summary>Runs at the receiver; returns null when accepted, or the reason the receiver dropped it.</summary>
    public Func<string?> OnArrive { get; init; } = static () => null;

    /// <summary>Runs when the message is lost (reliable senders retransmit).</summary>
    public Action<Transmission>? OnLost { get; init; }

    public InFlightMessage ToInFlightMessage() => new(Id, From.Name, To.Name, Kind, Size, State);

    public override string ToString() => $"{Kind} #{Id} {Detail}";
}
