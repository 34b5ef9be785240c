namespace SimLoop.Networking.Tests.Faults;

/// <summary>The kinds of fault the network fault property injects.</summary>
public enum FaultKind
{
    Partition,
    OneWayPartition,
    Clog,
    SwizzleClog,
    CrashRestart,
    LatencySpike,
    Loss,
    Duplication,
    Hold,
    BandwidthCap,
}

/// <summary>One fault: switched on at <see cref="AtMs"/>, off <see cref="DurationMs"/> later (and in any case at the heal time).</summary>
/// <param name="Kind">What goes wrong.</param>
/// <param name="AtMs">When, in virtual milliseconds.</param>
/// <param name="DurationMs">For how long.</param>
/// <param name="From">Index of the first host (0 is the server; the host that crashes for <see cref="FaultKind.CrashRestart"/>).</param>
/// <param name="To">Index of the second host, different from <paramref name="From"/>.</param>
/// <param name="Magnitude">A fault-specific amount between 0 and 1 (loss rate, latency, bandwidth, swizzle interval).</param>
public sealed record Fault(FaultKind Kind, int AtMs, int DurationMs, int From, int To, double Magnitude)
{
    public override string ToString() => $"{Kind}@{AtMs}ms+{DurationMs}ms({From}->{To},{Magnitude:0.00})";
}

/// <summary>Network options, application behaviour and faults of one case of the network fault property.</summary>
public sealed record FaultScenario(
    int Mtu, int SendBuffer, int ReceiveBuffer, int MaxRetransmissions, int RetransmissionTimeoutMs, int MaxRetransmissionTimeoutMs,
    int? ConnectTimeoutMs, int ServerIdleTimeoutMs, double ServerPauseProbability, int ServerMaxPauseMs, int MaxSessionBytes,
    Fault[] Faults, ulong Seed)
{
    public VirtualNetworkOptions Options => new()
    {
        Mtu = Mtu,
        SendBufferSize = SendBuffer,
        ReceiveBufferSize = ReceiveBuffer,
        MaxRetransmissions = MaxRetransmissions,
        RetransmissionTimeout = TimeSpan.FromMilliseconds(RetransmissionTimeoutMs),
        MaxRetransmissionTimeout = TimeSpan.FromMilliseconds(MaxRetransmissionTimeoutMs),
        ConnectTimeout = ConnectTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
    };

    public override string ToString() =>
        $"mtu={Mtu} sndbuf={SendBuffer} rcvbuf={ReceiveBuffer} retries={MaxRetransmissions} rto={RetransmissionTimeoutMs}..{MaxRetransmissionTimeoutMs}ms " +
        $"connectTimeout={ConnectTimeoutMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"} idle={ServerIdleTimeoutMs}ms " +
        $"pause={ServerPauseProbability:0.00}x{ServerMaxPauseMs}ms bytes<={MaxSessionBytes} seed={Seed} faults=[{string.Join(" ", Faults.AsEnumerable())}]";
}
