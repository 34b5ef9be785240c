namespace SimLoop.Networking;

/// <summary>A message on a link that has not been delivered yet, as <see cref="VirtualNetwork.InFlight"/> shows it.</summary>
/// <param name="Id">The message's id, for <see cref="VirtualNetwork.Deliver"/> and <see cref="VirtualNetwork.Drop"/>.</param>
/// <param name="From">The sending host.</param>
/// <param name="To">The receiving host.</param>
/// <param name="Kind">What the message carries.</param>
/// <param name="Size">The payload size in bytes.</param>
/// <param name="State">Whether it is travelling, held, or waiting for a clogged host.</param>
public readonly record struct InFlightMessage(long Id, string From, string To, MessageKind Kind, int Size, InFlightState State);
