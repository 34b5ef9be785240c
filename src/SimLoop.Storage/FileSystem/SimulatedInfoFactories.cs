using System.IO.Abstractions;

namespace SimLoop.Storage.FileSystem;

/// <summary>Makes <see cref="SimulatedFileInfo"/>s; wrapping a real <see cref="FileInfo"/> is not supported.</summary>
internal sealed class SimulatedFileInfoFactory(SimulatedFileSystem fileSystem) : IFileInfoFactory
{
    public IFileSystem FileSystem => fileSystem;

    public IFileInfo New(string fileName) => new SimulatedFileInfo(fileSystem, fileName);

    public IFileInfo? Wrap(FileInfo? fileInfo) => throw StorageErrors.Unsupported("FileInfo.Wrap (a real FileInfo)");
}

/// <summary>Makes <see cref="SimulatedDirectoryInfo"/>s; wrapping a real <see cref="DirectoryInfo"/> is not supported.</summary>
internal sealed class SimulatedDirectoryInfoFactory(SimulatedFileSystem fileSystem) : IDirectoryInfoFactory
{
    public IFileSystem FileSystem => fileSystem;

    public IDirectoryInfo New(string path) => new SimulatedDirectoryInfo(fileSystem, path);

    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => throw StorageErrors.Unsupported("DirectoryInfo.Wrap (a real DirectoryInfo)");
}
