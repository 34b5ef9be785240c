using System.IO.Abstractions;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SimLoop.Storage.Model;

namespace SimLoop.Storage.FileSystem;

/// <summary>
/// <see cref="IFile"/> on a simulated disk, with <see cref="File"/>'s rules. Synchronous members act at once; the
/// <c>...Async</c> ones go through the streams' asynchronous members and complete in virtual time. None of them
/// fsyncs: what they write is in the page cache until <c>Flush(true)</c> on a stream (see the README).
/// </summary>
internal sealed partial class SimulatedFile(SimulatedFileSystem fileSystem) : IFile
{
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IFileSystem FileSystem => fileSystem;

    private SimulatedDisk Disk => fileSystem.Disk;

    private SimulatedFileStreamFactory Streams => (SimulatedFileStreamFactory)fileSystem.FileStream;

    public FileSystemStream Create(string path) => Streams.Open(path, FileMode.Create, FileAccess.ReadWrite, isAsync: false);

    public FileSystemStream Create(string path, int bufferSize) => Create(path);

    public FileSystemStream Create(string path, int bufferSize, FileOptions options) =>
        Streams.Open(path, FileMode.Create, FileAccess.ReadWrite, options.HasFlag(FileOptions.Asynchronous));

    public StreamWriter CreateText(string path) => new(Streams.Open(path, FileMode.Create, FileAccess.Write, isAsync: false), s_utf8NoBom);

    public StreamWriter AppendText(string path) => new(Streams.Open(path, FileMode.Append, FileAccess.Write, isAsync: false), s_utf8NoBom);

    public StreamReader OpenText(string path) => new(OpenRead(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    public FileSystemStream Open(string path, FileMode mode) => Streams.New(path, mode);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access) => Streams.Open(path, mode, access, isAsync: false);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share) => Streams.Open(path, mode, access, isAsync: false);

    public FileSystemStream Open(string path, FileStreamOptions options) => Streams.New(path, options);

    public FileSystemStream OpenRead(string path) => Streams.Open(path, FileMode.Open, FileAccess.Read, isAsync: false);

    public FileSystemStream OpenWrite(string path) => Streams.Open(path, FileMode.OpenOrCreate, FileAccess.Write, isAsync: false);

    public SafeFileHandle OpenHandle(string path, FileMode mode = FileMode.Open, FileAccess access = FileAccess.Read, FileShare share = FileShare.Read, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        throw StorageErrors.Unsupported("File.OpenHandle");

    public bool Exists(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Disk.IsUp)
        {
            return false;
        }

        return Disk.IsFile(fileSystem.Normalize(path, nameof(path)));
    }

    public void Delete(string path) => Disk.DeleteFile(fileSystem.Normalize(path, nameof(path)));

    public void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, overwrite: false);

    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        byte[] contents = ReadAllBytes(sourceFileName);
        using FileSystemStream target = Streams.Open(destFileName, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, isAsync: false);
        target.Write(contents);
    }

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, overwrite: false);

    public void Move(string sourceFileName, string destFileName, bool overwrite) =>
        Disk.Move(fileSystem.Normalize(sourceFileName, nameof(sourceFileName)), fileSystem.Normalize(destFileName, nameof(destFileName)), overwrite, directory: false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        string source = fileSystem.Normalize(sourceFileName, nameof(sourceFileName));
        string destination = fileSystem.Normalize(destinationFileName, nameof(destinationFileName));
        if (!Disk.IsFile(destination))
        {
            throw StorageErrors.FileNotFound(destination);
        }

        if (destinationBackupFileName is not null)
        {
            Disk.Move(destination, fileSystem.Normalize(destinationBackupFileName, nameof(destinationBackupFileName)), overwrite: true, directory: false);
        }

        Disk.Move(source, destination, overwrite: true, directory: false);
    }

    public FileAttributes GetAttributes(string path)
    {
        string full = fileSystem.Normalize(path, nameof(path));
        Disk.ThrowIfDown(full);
        return Disk.IsDirectory(full) ? FileAttributes.Directory : Node(full).Attributes;
    }

    public void SetAttributes(string path, FileAttributes fileAttributes) =>
        Node(fileSystem.Normalize(path, nameof(path))).Attributes = fileAttributes == 0 ? FileAttributes.Normal : fileAttributes & ~FileAttributes.Directory;

    public DateTime GetCreationTime(string path) => GetCreationTimeUtc(path).ToLocalTime();

    public DateTime GetCreationTimeUtc(string path) => Time(path, creation: true);

    public DateTime GetLastAccessTime(string path) => GetLastAccessTimeUtc(path).ToLocalTime();

    public DateTime GetLastAccessTimeUtc(string path) => Time(path, creation: false);

    public DateTime GetLastWriteTime(string path) => GetLastWriteTimeUtc(path).ToLocalTime();

    public DateTime GetLastWriteTimeUtc(string path) => Time(path, creation: false);

    public void SetCreationTime(string path, DateTime creationTime) => SetCreationTimeUtc(path, creationTime.ToUniversalTime());

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => Node(fileSystem.Normalize(path, nameof(path))).CreationTicks = Ticks(creationTimeUtc);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => SetLastAccessTimeUtc(path, lastAccessTime.ToUniversalTime());

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => Node(fileSystem.Normalize(path, nameof(path)));

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetLastWriteTimeUtc(path, lastWriteTime.ToUniversalTime());

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => Node(fileSystem.Normalize(path, nameof(path))).LastWriteTicks = Ticks(lastWriteTimeUtc);

    public UnixFileMode GetUnixFileMode(string path)
    {
        Node(fileSystem.Normalize(path, nameof(path)));
        return UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    }

    public void SetUnixFileMode(string path, UnixFileMode mode) => throw StorageErrors.Unsupported("File.SetUnixFileMode");

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget) => throw StorageErrors.Unsupported("File.CreateSymbolicLink");

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) => throw StorageErrors.Unsupported("File.ResolveLinkTarget");

    public void Decrypt(string path) => throw StorageErrors.Unsupported("File.Decrypt");

    public void Encrypt(string path) => throw StorageErrors.Unsupported("File.Encrypt");

    public FileAttributes GetAttributes(SafeFileHandle fileHandle) => throw Handles();

    public DateTime GetCreationTime(SafeFileHandle fileHandle) => throw Handles();

    public DateTime GetCreationTimeUtc(SafeFileHandle fileHandle) => throw Handles();

    public DateTime GetLastAccessTime(SafeFileHandle fileHandle) => throw Handles();

    public DateTime GetLastAccessTimeUtc(SafeFileHandle fileHandle) => throw Handles();

    public DateTime GetLastWriteTime(SafeFileHandle fileHandle) => throw Handles();

    public DateTime GetLastWriteTimeUtc(SafeFileHandle fileHandle) => throw Handles();

    public UnixFileMode GetUnixFileMode(SafeFileHandle fileHandle) => throw Handles();

    public void SetAttributes(SafeFileHandle fileHandle, FileAttributes fileAttributes) => throw Handles();

    public void SetCreationTime(SafeFileHandle fileHandle, DateTime creationTime) => throw Handles();

    public void SetCreationTimeUtc(SafeFileHandle fileHandle, DateTime creationTimeUtc) => throw Handles();

    public void SetLastAccessTime(SafeFileHandle fileHandle, DateTime lastAccessTime) => throw Handles();

    public void SetLastAccessTimeUtc(SafeFileHandle fileHandle, DateTime lastAccessTimeUtc) => throw Handles();

    public void SetLastWriteTime(SafeFileHandle fileHandle, DateTime lastWriteTime) => throw Handles();

    public void SetLastWriteTimeUtc(SafeFileHandle fileHandle, DateTime lastWriteTimeUtc) => throw Handles();

    public void SetUnixFileMode(SafeFileHandle fileHandle, UnixFileMode mode) => throw Handles();

    private static NotSupportedException Handles() => StorageErrors.Unsupported("File members taking a SafeFileHandle");

    private FileNode Node(string full)
    {
        Disk.ThrowIfDown(full);
        return Disk.FindFile(full) ?? throw StorageErrors.FileNotFound(full);
    }

    private DateTime Time(string path, bool creation)
    {
        string full = fileSystem.Normalize(path, nameof(path));
        Disk.ThrowIfDown(full);
        return Disk.FindFile(full) is { } node
            ? fileSystem.Time(creation ? node.CreationTicks : node.LastWriteTicks)
            : DateTime.FromFileTimeUtc(0);
    }

    private long Ticks(DateTime utc) => (utc - fileSystem.Time(0)).Ticks;
}
