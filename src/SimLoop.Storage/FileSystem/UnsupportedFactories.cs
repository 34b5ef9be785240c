using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace SimLoop.Storage.FileSystem;

/// <summary>Drives are not modelled: a simulated host has one disk, rooted at <c>/</c>.</summary>
internal sealed class UnsupportedDriveInfoFactory(IFileSystem fileSystem) : IDriveInfoFactory
{
    public IFileSystem FileSystem => fileSystem;

    public IDriveInfo[] GetDrives() => throw StorageErrors.Unsupported("DriveInfo.GetDrives");

    public IDriveInfo New(string driveName) => throw StorageErrors.Unsupported("DriveInfo.New");

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => throw StorageErrors.Unsupported("DriveInfo.Wrap");
}

/// <summary>File system watchers are not modelled.</summary>
internal sealed class UnsupportedWatcherFactory(IFileSystem fileSystem) : IFileSystemWatcherFactory
{
    public IFileSystem FileSystem => fileSystem;

    public IFileSystemWatcher New() => throw StorageErrors.Unsupported("FileSystemWatcher");

    public IFileSystemWatcher New(string path) => throw StorageErrors.Unsupported("FileSystemWatcher");

    public IFileSystemWatcher New(string path, string filter) => throw StorageErrors.Unsupported("FileSystemWatcher");

    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => throw StorageErrors.Unsupported("FileSystemWatcher");
}

/// <summary>File version resources are not modelled.</summary>
internal sealed class UnsupportedVersionInfoFactory(IFileSystem fileSystem) : IFileVersionInfoFactory
{
    public IFileSystem FileSystem => fileSystem;

    public IFileVersionInfo GetVersionInfo(string fileName) => throw StorageErrors.Unsupported("FileVersionInfo");
}

/// <summary>Operating-system handles do not exist on a simulated disk.</summary>
internal sealed class UnsupportedRandomAccess(IFileSystem fileSystem) : IRandomAccess
{
    public IFileSystem FileSystem => fileSystem;

    public void FlushToDisk(SafeFileHandle handle) => throw Unsupported();

    public long GetLength(SafeFileHandle handle) => throw Unsupported();

    public int Read(SafeFileHandle handle, Span<byte> buffer, long fileOffset) => throw Unsupported();

    public long Read(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset) => throw Unsupported();

    public ValueTask<int> ReadAsync(SafeFileHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported();

    public ValueTask<long> ReadAsync(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported();

    public void SetLength(SafeFileHandle handle, long length) => throw Unsupported();

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> buffer, long fileOffset) => throw Unsupported();

    public void Write(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) => throw Unsupported();

    public ValueTask WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported();

    public ValueTask WriteAsync(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) => throw Unsupported();

    private static NotSupportedException Unsupported() => StorageErrors.Unsupported("RandomAccess (SafeFileHandle)");
}
