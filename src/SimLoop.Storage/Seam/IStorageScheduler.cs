namespace SimLoop.Storage.Seam;

/// <summary>
/// The seam through which the storage model sees time and randomness and records what it does (like the network's
/// <c>INetworkScheduler</c>). The loop adapter implements it; tests of the model alone use a manual scheduler.
/// </summary>
/// <remarks>
/// Every call happens on the simulation's single thread. Callbacks run later, one at a time, with no synchronization
/// context current, so the continuation of an awaited storage operation returns to whatever context it captured.
/// </remarks>
internal interface IStorageScheduler
{
    /// <summary>The current simulated instant, in ticks of 100 ns since the simulation's start.</summary>
    long NowTicks { get; }

    /// <summary>The current simulated wall-clock time (for file timestamps).</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Runs <paramref name="callback"/> at <paramref name="atTicks"/> (clamped to now); same-instant callbacks run in scheduling order.</summary>
    /// <returns>An id that <see cref="Cancel"/> accepts.</returns>
    long ScheduleAt(long atTicks, Action<object?> callback, object? state);

    /// <summary>Cancels a scheduled callback; false if it already ran or was cancelled.</summary>
    bool Cancel(long id);

    /// <summary>A random stream for one concern (see <see cref="StorageConcerns"/>), derived from the simulation's seed.</summary>
    Random GetRandom(string concern);

    /// <summary>Whether <see cref="Record"/> keeps events; when false the model skips building them.</summary>
    bool IsRecording { get; }

    /// <summary>Records a storage event in the simulation's trace.</summary>
    void Record(StorageEvent storageEvent);
}
