using SimLoop.Storage.FileSystem;
using SimLoop.Storage.Model;
using SimLoop.Storage.Tests.Support;

namespace SimLoop.Storage.Tests.Model;

/// <summary>A disk on a manual scheduler, with its file system.</summary>
internal sealed class DiskFixture
{
    public DiskFixture(ulong seed = 1, StorageOptions? options = null)
    {
        Scheduler = new ManualStorageScheduler(seed);
        Disk = new SimulatedDisk("db", Scheduler, options ?? new StorageOptions());
        FileSystem = new SimulatedFileSystem(Disk);
    }

    public ManualStorageScheduler Scheduler { get; }

    public SimulatedDisk Disk { get; }

    public SimulatedFileSystem FileSystem { get; }

    public void CrashAndRestart()
    {
        Disk.Crash();
        Disk.Restart();
    }

    /// <summary>Writes <paramref name="bytes"/> to a new file and makes file and directory entry durable.</summary>
    public void WriteDurable(string path, byte[] bytes)
    {
        using (var stream = FileSystem.FileStream.New(path, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        FileSystem.SyncDirectory(Path.GetDirectoryName(path)!);
    }

    public static byte[] Bytes(int count, int salt = 0) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + salt + 1)).ToArray();
}
