namespace SimLoop.Storage;

/// <summary>
/// The seeded faults of one host's disk. Each probability is drawn per operation from the disk's
/// <see cref="Seam.StorageConcerns.Fault"/> stream (latency spikes from its latency stream), so a seed gives the
/// same faults every run. Setters check their values.
/// </summary>
public sealed class StorageFaults
{
    private double _syncFailure;
    private double _readCorruption;
    private double _latencySpike;
    private TimeSpan _spikeLatency = TimeSpan.FromMilliseconds(50);

    /// <summary>The probability that an fsync fails with <see cref="IOException"/> (HResult <see cref="StorageErrors.InputOutputError"/>, EIO).
    /// A failed fsync makes nothing durable (the data stays unsynced, as Linux leaves it after a failed writeback).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1].</exception>
    public double SyncFailureProbability
    {
        get => _syncFailure;
        set => _syncFailure = CheckProbability(value, nameof(SyncFailureProbability));
    }

    /// <summary>The probability that a read returns one flipped bit in one sector of what it read (the stored bytes stay intact).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1].</exception>
    public double ReadCorruptionProbability
    {
        get => _readCorruption;
        set => _readCorruption = CheckProbability(value, nameof(ReadCorruptionProbability));
    }

    /// <summary>The probability that an asynchronous operation takes <see cref="SpikeLatency"/> longer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1].</exception>
    public double LatencySpikeProbability
    {
        get => _latencySpike;
        set => _latencySpike = CheckProbability(value, nameof(LatencySpikeProbability));
    }

    /// <summary>The extra latency of a spike (default 50 ms).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan SpikeLatency
    {
        get => _spikeLatency;
        set => _spikeLatency = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(SpikeLatency), value, "A latency spike cannot be negative.");
    }

    /// <summary>A copy of this profile.</summary>
    /// <returns>The copy.</returns>
    public StorageFaults Clone() => (StorageFaults)MemberwiseClone();

    private static double CheckProbability(double value, string name) =>
        value is >= 0.0 and <= 1.0 ? value : throw new ArgumentOutOfRangeException(name, value, "A probability must be between 0 and 1.");
}
