using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace SimLoop.Storage.FileSystem;

/// <summary>Opens <see cref="SimulatedFileStream"/>s with <see cref="System.IO.FileStream"/>'s mode and access rules.</summary>
internal sealed class SimulatedFileStreamFactory(SimulatedFileSystem fileSystem) : IFileStreamFactory
{
    public IFileSystem FileSystem => fileSystem;

    public FileSystemStream New(string path, FileMode mode) =>
        Open(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, isAsync: false);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => Open(path, mode, access, isAsync: false);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => Open(path, mode, access, isAsync: false);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) => Open(path, mode, access, isAsync: false);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) => Open(path, mode, access, useAsync);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        Open(path, mode, access, options.HasFlag(FileOptions.Asynchronous));

    public FileSystemStream New(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Open(path, options.Mode, options.Access, options.Options.HasFlag(FileOptions.Asynchronous));
    }

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => throw StorageErrors.Unsupported("FileStream.New(SafeFileHandle)");

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => throw StorageErrors.Unsupported("FileStream.New(SafeFileHandle)");

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => throw StorageErrors.Unsupported("FileStream.New(SafeFileHandle)");

    public FileSystemStream Wrap(FileStream fileStream) => throw StorageErrors.Unsupported("FileStream.Wrap (a real FileStream)");

    internal SimulatedFileStream Open(string path, FileMode mode, FileAccess access, bool isAsync)
    {
        string full = fileSystem.Normalize(path, nameof(path));
        if (mode is < FileMode.CreateNew or > FileMode.Append)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Use a FileMode value.");
        }

        if (access is < FileAccess.Read or > FileAccess.ReadWrite)
        {
            throw new ArgumentOutOfRangeException(nameof(access), access, "Use a FileAccess value.");
        }

        if (!access.HasFlag(FileAccess.Write) && mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
        {
            throw new ArgumentException($"FileMode.{mode} needs FileAccess.Write or ReadWrite (it was {access}).", nameof(access));
        }

        if (mode == FileMode.Append && access != FileAccess.Write)
        {
            throw new ArgumentException("FileMode.Append can only be used with FileAccess.Write.", nameof(access));
        }

        var node = fileSystem.Disk.Open(full, mode == FileMode.Append ? FileMode.OpenOrCreate : mode, access);
        return new SimulatedFileStream(fileSystem.Disk, node, full, access, mode == FileMode.Append, isAsync);
    }
}
