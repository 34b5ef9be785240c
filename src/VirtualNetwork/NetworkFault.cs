namespace SimLoop.Networking;

/// <summary>Which fault a <see cref="NetworkEventKind.Fault"/> event switched on or off.</summary>
public enum NetworkFault : byte
{
    /// <summary>Not a fault event.</summary>
    None,
    /// <summary>A host crashed.</summary>
    Crash,
    /// <summary>A crashed host restarted.</summary>
    Restart,
    /// <summary>Links between two groups of hosts were cut.</summary>
    Partition,
    /// <summary>Cut links were repaired (between two groups, or all of them).</summary>
    Repair,
    /// <summary>A host's messages were clogged (held until unclogged).</summary>
    Clog,
    /// <summary>A clogged host was unclogged.</summary>
    Unclog,
    /// <summary>Messages on a link were held in flight.</summary>
    Hold,
    /// <summary>A held link was released.</summary>
    Release,
    /// <summary>A link's settings (latency, loss, bandwidth) changed, or the default link's.</summary>
    LinkSettings,
    /// <summary>A swizzle clog sequence started.</summary>
    Swizzle,
}
