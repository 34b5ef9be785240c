using System.Diagnostics;
using System.IO.Abstractions;
using SimLoop.Storage.Model;

namespace SimLoop.Storage.FileSystem;

/// <summary>
/// The file system of one simulated host, as System.IO.Abstractions' <see cref="IFileSystem"/>: Unix-style paths from
/// the root <c>/</c>, listings in ordinal order, streams whose asynchronous members complete in virtual time, and the
/// crash model of the host's disk (see the package README). Obtain it with <c>host.FileSystem()</c>. It is used on the
/// simulation thread only. Drives, watchers, version info, links, ACLs and <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>
/// members throw <see cref="NotSupportedException"/>.
/// </summary>
[DebuggerDisplay("SimulatedFileSystem {HostName}")]
public sealed class SimulatedFileSystem : IFileSystem
{
    private DateTime? _epoch;

    internal SimulatedFileSystem(SimulatedDisk disk)
    {
        Disk = disk;
        File = new SimulatedFile(this);
        Directory = new SimulatedDirectory(this);
        Path = new SimulatedPath(this);
        FileInfo = new SimulatedFileInfoFactory(this);
        DirectoryInfo = new SimulatedDirectoryInfoFactory(this);
        FileStream = new SimulatedFileStreamFactory(this);
        DriveInfo = new UnsupportedDriveInfoFactory(this);
        FileSystemWatcher = new UnsupportedWatcherFactory(this);
        FileVersionInfo = new UnsupportedVersionInfoFactory(this);
        RandomAccess = new UnsupportedRandomAccess(this);
    }

    /// <summary>The name of the host whose disk this is.</summary>
    public string HostName => Disk.Host;

    /// <inheritdoc/>
    public IDirectory Directory { get; }

    /// <inheritdoc/>
    public IDirectoryInfoFactory DirectoryInfo { get; }

    /// <inheritdoc/>
    public IDriveInfoFactory DriveInfo { get; }

    /// <inheritdoc/>
    public IFile File { get; }

    /// <inheritdoc/>
    public IFileInfoFactory FileInfo { get; }

    /// <inheritdoc/>
    public IFileStreamFactory FileStream { get; }

    /// <inheritdoc/>
    public IFileSystemWatcherFactory FileSystemWatcher { get; }

    /// <inheritdoc/>
    public IFileVersionInfoFactory FileVersionInfo { get; }

    /// <inheritdoc/>
    public IPath Path { get; }

    /// <inheritdoc/>
    public IRandomAccess RandomAccess { get; }

    internal SimulatedDisk Disk { get; }

    internal string CurrentDirectory { get; set; } = FileTree.Root;

    /// <summary>
    /// Syncs the directory at <paramref name="path"/> (what <c>fsync</c> on a directory's descriptor does on Linux):
    /// every create, delete and rename made so far on this disk becomes durable (the disk's namespace journal commits
    /// as a whole, as ext4's does). File data is made durable only by <c>Flush(true)</c> on its stream.
    /// </summary>
    /// <param name="path">An existing directory.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">The host is crashed (EIO).</exception>
    public void SyncDirectory(string path) => Disk.SyncDirectory(Normalize(path, nameof(path)));

    /// <summary>Like <see cref="SyncDirectory"/>, completing after the disk's sync latency.</summary>
    /// <param name="path">An existing directory.</param>
    /// <param name="cancellationToken">Cancels before the sync starts.</param>
    /// <returns>A task that completes when the directory is synced.</returns>
    public Task SyncDirectoryAsync(string path, CancellationToken cancellationToken = default)
    {
        string full = Normalize(path, nameof(path));
        return Disk.CompleteLater(full, Disk.Options.SyncLatency, cancellationToken, () =>
        {
            Disk.SyncDirectory(full);
            return true;
        });
    }

    /// <summary>The full, normalised form of <paramref name="path"/> (no trailing separator except the root).</summary>
    internal string Normalize(string path, string argument)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, argument);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a null character.", argument);
        }

        string full = System.IO.Path.GetFullPath(path.Replace('\\', '/'), CurrentDirectory);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <summary>The wall-clock time of virtual instant <paramref name="ticks"/> (the loop's epoch plus the ticks).</summary>
    internal DateTime Time(long ticks) => (_epoch ??= Disk.Scheduler.UtcNow.UtcDateTime.AddTicks(-Disk.NowTicks)).AddTicks(ticks);
}
