using System.IO.Abstractions;

namespace SimLoop.Storage.FileSystem;

/// <summary><see cref="IFileInfo"/> over <see cref="SimulatedFile"/>: every member acts on the disk at once.</summary>
internal sealed class SimulatedFileInfo(SimulatedFileSystem fileSystem, string path) : SimulatedFileSystemInfo(fileSystem, path), IFileInfo
{
    public override bool Exists => Owner.File.Exists(FullName);

    public IDirectoryInfo? Directory => DirectoryName is { } name ? Owner.DirectoryInfo.New(name) : null;

    public string? DirectoryName => Path.GetDirectoryName(FullName);

    public bool IsReadOnly
    {
        get => Attributes.HasFlag(FileAttributes.ReadOnly);
        set => Attributes = value ? Attributes | FileAttributes.ReadOnly : Attributes & ~FileAttributes.ReadOnly;
    }

    public long Length => Owner.Disk.FindFile(FullName)?.Cached.Length ?? throw StorageErrors.FileNotFound(FullName);

    public StreamWriter AppendText() => Owner.File.AppendText(FullName);

    public IFileInfo CopyTo(string destFileName) => CopyTo(destFileName, overwrite: false);

    public IFileInfo CopyTo(string destFileName, bool overwrite)
    {
        Owner.File.Copy(FullName, destFileName, overwrite);
        return Owner.FileInfo.New(destFileName);
    }

    public FileSystemStream Create() => Owner.File.Create(FullName);

    public StreamWriter CreateText() => Owner.File.CreateText(FullName);

    public void Decrypt() => throw StorageErrors.Unsupported("FileInfo.Decrypt");

    public void Encrypt() => throw StorageErrors.Unsupported("FileInfo.Encrypt");

    public override void Delete() => Owner.File.Delete(FullName);

    public void MoveTo(string destFileName) => MoveTo(destFileName, overwrite: false);

    public void MoveTo(string destFileName, bool overwrite)
    {
        Owner.File.Move(FullName, destFileName, overwrite);
        FullName = Owner.Normalize(destFileName, nameof(destFileName));
    }

    public FileSystemStream Open(FileMode mode) => Owner.File.Open(FullName, mode);

    public FileSystemStream Open(FileMode mode, FileAccess access) => Owner.File.Open(FullName, mode, access);

    public FileSystemStream Open(FileMode mode, FileAccess access, FileShare share) => Owner.File.Open(FullName, mode, access, share);

    public FileSystemStream Open(FileStreamOptions options) => Owner.File.Open(FullName, options);

    public FileSystemStream OpenRead() => Owner.File.OpenRead(FullName);

    public StreamReader OpenText() => Owner.File.OpenText(FullName);

    public FileSystemStream OpenWrite() => Owner.File.OpenWrite(FullName);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName) =>
        Replace(destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        Owner.File.Replace(FullName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors);
        return Owner.FileInfo.New(destinationFileName);
    }
}
