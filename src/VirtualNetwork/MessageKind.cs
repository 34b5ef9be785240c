namespace SimLoop.Networking;

/// <summary>What a message on a link carries.</summary>
public enum MessageKind
{
    /// <summary>A connection request (TCP SYN).</summary>
    Syn,
    /// <summary>A connection acceptance (TCP SYN-ACK).</summary>
    SynAck,
    /// <summary>A segment of stream bytes.</summary>
    Data,
    /// <summary>The end of one direction of a stream (TCP FIN).</summary>
    Fin,
    /// <summary>A reset (TCP RST).</summary>
    Reset,
    /// <summary>A receive-window update: the receiver consumed bytes.</summary>
    WindowUpdate,
    /// <summary>A datagram (UDP).</summary>
    Datagram,
    /// <summary>A zero-window probe (TCP persist timer): asks the receiver for its window; a receiver that no longer knows the connection answers with a reset.</summary>
    WindowProbe,
}
