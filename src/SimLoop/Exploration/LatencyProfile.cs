namespace SimLoop.Exploration;

/// <summary>
/// How a <see cref="SwarmProfile"/> reshapes the latency of every link, relative to the link's configured model
/// (its smallest latency <c>min</c> and largest <c>max</c>; <c>unit</c> is <c>max</c>, at least 1 ms).
/// </summary>
public enum LatencyProfile
{
    /// <summary>The configured latency, unchanged.</summary>
    AsConfigured,

    /// <summary>Faster than configured: uniform between zero and <c>min</c>.</summary>
    Low,

    /// <summary>Uniform between zero and twice <c>unit</c>: messages sent close together often overtake each other.</summary>
    Uniform,

    /// <summary>Slower than configured: <c>max</c> plus an exponential extra (mean 5 <c>unit</c>s, at most 20).</summary>
    High,

    /// <summary><c>min</c> plus an exponential extra (mean 2 <c>unit</c>s, at most 8): most messages are fast, a few are late.</summary>
    Tail,
}
