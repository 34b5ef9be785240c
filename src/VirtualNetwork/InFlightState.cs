namespace SimLoop.Networking;

/// <summary>Where an undelivered message is.</summary>
public enum InFlightState
{
    /// <summary>On the wire, due to arrive at a scheduled instant.</summary>
    Travelling,
    /// <summary>Arrived at a held link; waits for a release or an explicit delivery.</summary>
    Held,
    /// <summary>Arrived while its sender or receiver was clogged; waits for both to be unclogged.</summary>
    Clogged,
}
