namespace SimLoop.Storage.Seam;

/// <summary>What happened on a simulated disk.</summary>
public enum StorageEventKind
{
    /// <summary>A file was opened (Detail: mode and access).</summary>
    Open,
    /// <summary>Bytes were read (Detail: offset and count).</summary>
    Read,
    /// <summary>Bytes were written to the page cache (Detail: offset and count).</summary>
    Write,
    /// <summary>A file's length was set.</summary>
    Truncate,
    /// <summary>A file was fsynced: its data is durable.</summary>
    Sync,
    /// <summary>A directory was synced: every namespace change before it is durable.</summary>
    SyncDirectory,
    /// <summary>A file was created.</summary>
    Create,
    /// <summary>A file was deleted.</summary>
    Delete,
    /// <summary>A file or directory was renamed (Detail: the new path).</summary>
    Rename,
    /// <summary>A directory was created.</summary>
    CreateDirectory,
    /// <summary>A directory was deleted.</summary>
    DeleteDirectory,
    /// <summary>The host crashed: what the crash kept and lost.</summary>
    Crash,
    /// <summary>The host restarted: the disk came back as its durable image.</summary>
    Restart,
    /// <summary>A fault was injected (fsync failure, disk full, corrupted read, latency spike).</summary>
    Fault,
}

/// <summary>One storage event, as recorded in a simulation trace (one storage lane per host).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="AtTicks">The simulated instant, in ticks of 100 ns.</param>
/// <param name="Host">The host whose disk it concerns.</param>
/// <param name="Path">The file or directory, or empty.</param>
/// <param name="Detail">A short, deterministic description.</param>
public readonly record struct StorageEvent(StorageEventKind Kind, long AtTicks, string Host, string Path, string Detail)
{
    /// <summary>The trace text: <c>storage &lt;host&gt; &lt;kind&gt; &lt;path&gt; &lt;detail&gt;</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"storage {Host} {Kind.ToString().ToLowerInvariant()} {Path} {Detail}".TrimEnd();
}
