namespace SimLoop.Networking;

/// <summary>One planned step of <see cref="VirtualNetwork.SwizzleClog"/>.</summary>
/// <param name="Host">The host's name.</param>
/// <param name="Clog">True to clog, false to unclog.</param>
/// <param name="AtTicks">The simulated instant of the step.</param>
public readonly record struct SwizzleClogStep(string Host, bool Clog, long AtTicks)
{
    /// <inheritdoc/>
    public override string ToString() => $"{(Clog ? "clog" : "unclog")}:{Host}@{AtTicks}";
}
