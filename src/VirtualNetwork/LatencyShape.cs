namespace SimLoop.Networking;

/// <summary>The shape of a <see cref="LatencyModel"/>.</summary>
public enum LatencyShape
{
    /// <summary>Always the same latency.</summary>
    Fixed,
    /// <summary>Uniform between the minimum and the maximum.</summary>
    Uniform,
    /// <summary>Minimum plus an exponential extra, clamped at the maximum.</summary>
    Exponential,
}
