using SimLoop.Networking;

namespace SimLoop.Storage;

/// <summary>
/// The disk of one host: its sector size (the granularity of torn writes), its capacity, the latency of each kind of
/// operation and its fault profile. Each setter checks its value and throws where a bad one is given. Set the options
/// with <see cref="HostStorage.ConfigureStorage"/> before the host's file system is first used.
/// </summary>
public sealed class StorageOptions
{
    private int _sectorSize = 512;
    private long? _capacityBytes;
    private LatencyModel _readLatency = LatencyModel.Uniform(TimeSpan.FromMicroseconds(50), TimeSpan.FromMicroseconds(200));
    private LatencyModel _writeLatency = LatencyModel.Uniform(TimeSpan.FromMicroseconds(50), TimeSpan.FromMicroseconds(200));
    private LatencyModel _syncLatency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4));
    private StorageFaults _faults = new();

    /// <summary>The sector size in bytes (default 512): a crash keeps or loses unsynced data whole sectors at a time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int SectorSize
    {
        get => _sectorSize;
        set => _sectorSize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(SectorSize), value, "The sector size must be positive (512 or 4096 are usual).");
    }

    /// <summary>The disk's capacity in bytes (the sum of all file lengths), or null (default) for no limit.
    /// A write or extension past it fails with the disk-full <see cref="IOException"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? CapacityBytes
    {
        get => _capacityBytes;
        set => _capacityBytes = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(CapacityBytes), value, "The capacity cannot be negative: give a byte count, or null for no limit.");
    }

    /// <summary>How long an asynchronous read takes (default uniform 50-200 µs).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public LatencyModel ReadLatency
    {
        get => _readLatency;
        set => _readLatency = value ?? throw new ArgumentNullException(nameof(ReadLatency), "Give a latency model, for example LatencyModel.Fixed(TimeSpan.Zero).");
    }

    /// <summary>How long an asynchronous write to the page cache takes (default uniform 50-200 µs).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public LatencyModel WriteLatency
    {
        get => _writeLatency;
        set => _writeLatency = value ?? throw new ArgumentNullException(nameof(WriteLatency), "Give a latency model, for example LatencyModel.Fixed(TimeSpan.Zero).");
    }

    /// <summary>How long an asynchronous fsync takes (default uniform 1-4 ms).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public LatencyModel SyncLatency
    {
        get => _syncLatency;
        set => _syncLatency = value ?? throw new ArgumentNullException(nameof(SyncLatency), "Give a latency model, for example LatencyModel.Fixed(TimeSpan.Zero).");
    }

    /// <summary>The fault profile (default: no faults).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public StorageFaults Faults
    {
        get => _faults;
        set => _faults = value ?? throw new ArgumentNullException(nameof(Faults), "Give a fault profile; new StorageFaults() has none.");
    }

    /// <summary>A copy of these options (the disk keeps its own, so later changes to this object do not reach it).</summary>
    /// <returns>The copy.</returns>
    public StorageOptions Clone() => new()
    {
        SectorSize = SectorSize,
        CapacityBytes = CapacityBytes,
        ReadLatency = ReadLatency,
        WriteLatency = WriteLatency,
        SyncLatency = SyncLatency,
        Faults = Faults.Clone(),
    };
}
