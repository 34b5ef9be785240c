using System.IO.Abstractions;

namespace SimLoop.Storage.FileSystem;

/// <summary>What files and directories share in <see cref="IFileSystemInfo"/>: a path, and queries answered live (no caching, so <see cref="Refresh"/> does nothing).</summary>
internal abstract class SimulatedFileSystemInfo : IFileSystemInfo
{
    protected SimulatedFileSystemInfo(SimulatedFileSystem fileSystem, string path)
    {
        Owner = fileSystem;
        OriginalPath = path;
        FullName = fileSystem.Normalize(path, nameof(path));
    }

    public IFileSystem FileSystem => Owner;

    public string FullName { get; protected set; }

    public string Name => FullName == "/" ? "/" : Path.GetFileName(FullName);

    public string Extension => Path.GetExtension(FullName);

    public abstract bool Exists { get; }

    public FileAttributes Attributes
    {
        get => Exists ? Owner.File.GetAttributes(FullName) : (FileAttributes)(-1);
        set => Owner.File.SetAttributes(FullName, value);
    }

    public DateTime CreationTime
    {
        get => CreationTimeUtc.ToLocalTime();
        set => CreationTimeUtc = value.ToUniversalTime();
    }

    public DateTime CreationTimeUtc
    {
        get => Owner.File.GetCreationTimeUtc(FullName);
        set => Owner.File.SetCreationTimeUtc(FullName, value);
    }

    public DateTime LastAccessTime
    {
        get => LastAccessTimeUtc.ToLocalTime();
        set => LastAccessTimeUtc = value.ToUniversalTime();
    }

    public DateTime LastAccessTimeUtc
    {
        get => Owner.File.GetLastAccessTimeUtc(FullName);
        set => Owner.File.SetLastAccessTimeUtc(FullName, value);
    }

    public DateTime LastWriteTime
    {
        get => LastWriteTimeUtc.ToLocalTime();
        set => LastWriteTimeUtc = value.ToUniversalTime();
    }

    public DateTime LastWriteTimeUtc
    {
        get => Owner.File.GetLastWriteTimeUtc(FullName);
        set => Owner.File.SetLastWriteTimeUtc(FullName, value);
    }

    public string? LinkTarget => null;

    public UnixFileMode UnixFileMode
    {
        get => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        set => throw StorageErrors.Unsupported("UnixFileMode (setting it)");
    }

    protected SimulatedFileSystem Owner { get; }

    protected string OriginalPath { get; }

    public void CreateAsSymbolicLink(string pathToTarget) => throw StorageErrors.Unsupported("CreateAsSymbolicLink");

    public abstract void Delete();

    public void Refresh()
    {
    }

    public IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) => throw StorageErrors.Unsupported("ResolveLinkTarget");

    public override string ToString() => OriginalPath;
}
