namespace SimLoop.Networking;

/// <summary>The mutable state of one direction of a link: its settings override, its hold switch, its busy time.</summary>
internal sealed class LinkState
{
    /// <summary>Settings for this direction, or null to use the network's default.</summary>
    public LinkSettings? Settings { get; set; }

    /// <summary>Whether arriving messages are held until released.</summary>
    public bool IsHeld { get; set; }

    /// <summary>When the link finishes serialising the messages already queued on it (bandwidth model).</summary>
    public long BusyUntilTicks { get; set; }
}
