using SimLoop.Choices;

namespace SimLoop.Storage.Seam;

/// <summary>
/// The names of the random streams the storage model draws from. Each host's disk uses its own stream per concern
/// (<see cref="ForHost"/>), so one host's draws never shift another's, nor the network's or the scheduler's.
/// </summary>
public static class StorageConcerns
{
    /// <summary>What a crash keeps of unsynced data and unsynced namespace changes.</summary>
    public const string Torn = RandomStreams.StorageTorn;

    /// <summary>The latency of each operation, and latency spikes.</summary>
    public const string Latency = RandomStreams.StorageLatency;

    /// <summary>Injected faults: fsync failure, read corruption.</summary>
    public const string Fault = RandomStreams.StorageFault;

    /// <summary>Random file names (<c>Path.GetRandomFileName</c>, <c>GetTempFileName</c>).</summary>
    public const string Names = RandomStreams.StorageNames;

    /// <summary>The stream name of <paramref name="concern"/> for the disk of <paramref name="host"/>.</summary>
    /// <param name="concern">One of the constants of this class.</param>
    /// <param name="host">The host's name.</param>
    /// <returns><c>concern/host</c>.</returns>
    public static string ForHost(string concern, string host) => RandomStreams.ForHost(concern, host);
}
