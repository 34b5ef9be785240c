using System.IO.Abstractions;
using SimLoop.Hosts;
using SimLoop.Storage.FileSystem;
using SimLoop.Storage.Hosts;

namespace SimLoop.Storage;

/// <summary>The simulated disk of a <see cref="SimulatedHost"/>: one per host, kept across crashes and restarts.</summary>
public static class HostStorage
{
    /// <summary>
    /// The host's file system (created with the host's <see cref="StorageOptions"/> on first use). Code written against
    /// <see cref="IFileSystem"/> runs on it unchanged. A crash of the host applies the crash model to its disk; the
    /// restarted host sees the durable image.
    /// </summary>
    /// <param name="host">The host.</param>
    /// <returns>The host's file system (the same instance on every call).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
    public static SimulatedFileSystem FileSystem(this SimulatedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.GetFeature(static h => new HostDisk(h)).FileSystem;
    }

    /// <summary>Sets the host's disk options (sector size, capacity, latencies, faults); a copy is kept.</summary>
    /// <param name="host">The host.</param>
    /// <param name="options">The options.</param>
    /// <returns>The host, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The host's file system was already used: configure it first.</exception>
    public static SimulatedHost ConfigureStorage(this SimulatedHost host, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        host.GetFeature(static h => new HostDisk(h)).Configure(options);
        return host;
    }

    /// <summary>
    /// Syncs a directory through any <see cref="IFileSystem"/>: on a <see cref="SimulatedFileSystem"/> it makes every
    /// namespace change so far durable (see <see cref="SimulatedFileSystem.SyncDirectory"/>); on another file system it
    /// only checks that the directory exists (.NET has no directory fsync; on a real disk use a platform call).
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">An existing directory.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static void SyncDirectory(this IFileSystem fileSystem, string path)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        if (fileSystem is SimulatedFileSystem simulated)
        {
            simulated.SyncDirectory(path);
        }
        else if (!fileSystem.Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Could not find the directory '{path}' to sync.");
        }
    }
}
