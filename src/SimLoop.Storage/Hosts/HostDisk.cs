using SimLoop.Hosts;
using SimLoop.Storage.FileSystem;
using SimLoop.Storage.Model;
using SimLoop.Storage.Seam;

namespace SimLoop.Storage.Hosts;

/// <summary>The storage feature of one host: its disk, created on first use, crashed and restarted with the host.</summary>
internal sealed class HostDisk(SimulatedHost host) : IHostFeature
{
    private SimulatedFileSystem? _fileSystem;
    private StorageOptions _options = new();

    public bool IsStarted => _fileSystem is not null;

    public SimulatedFileSystem FileSystem => _fileSystem ??= new SimulatedFileSystem(
        new SimulatedDisk(host.Name, new LoopStorageScheduler(host.Loop), _options));

    public void Configure(StorageOptions options)
    {
        if (IsStarted)
        {
            throw new InvalidOperationException($"The disk of host '{host.Name}' is already in use: configure its storage before the first call to FileSystem().");
        }

        _options = options.Clone();
    }

    public void OnCrashed() => _fileSystem?.Disk.Crash();

    public void OnRestarting() => _fileSystem?.Disk.Restart();
}
