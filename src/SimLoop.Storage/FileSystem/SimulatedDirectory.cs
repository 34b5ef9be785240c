using System.IO.Abstractions;
using System.IO.Enumeration;
using SimLoop.Storage.Model;

namespace SimLoop.Storage.FileSystem;

/// <summary>
/// <see cref="IDirectory"/> on a simulated disk, with <see cref="Directory"/>'s rules. Listings come in ordinal order of
/// the entries' full paths (never hash order); a path returned joins the directory as given with the entry's relative
/// path, as .NET does. Creating, deleting and moving directories are namespace changes: durable only after a directory
/// sync (<see cref="SimulatedFileSystem.SyncDirectory"/>).
/// </summary>
internal sealed class SimulatedDirectory(SimulatedFileSystem fileSystem) : IDirectory
{
    private enum Kind
    {
        Files,
        Directories,
        Both,
    }

    public IFileSystem FileSystem => fileSystem;

    private SimulatedDisk Disk => fileSystem.Disk;

    public IDirectoryInfo CreateDirectory(string path)
    {
        Disk.CreateDirectory(fileSystem.Normalize(path, nameof(path)));
        return fileSystem.DirectoryInfo.New(path);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode) => CreateDirectory(path);

    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null) =>
        CreateDirectory(Path.Combine(fileSystem.Path.GetTempPath(), (prefix ?? "") + fileSystem.Path.GetRandomFileName().Replace('.', '0')));

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget) => throw StorageErrors.Unsupported("Directory.CreateSymbolicLink");

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) => throw StorageErrors.Unsupported("Directory.ResolveLinkTarget");

    public void Delete(string path) => Delete(path, recursive: false);

    public void Delete(string path, bool recursive) => Disk.DeleteDirectory(fileSystem.Normalize(path, nameof(path)), recursive);

    public bool Exists(string? path) =>
        !string.IsNullOrWhiteSpace(path) && Disk.IsUp && Disk.IsDirectory(fileSystem.Normalize(path, nameof(path)));

    public void Move(string sourceDirName, string destDirName)
    {
        string source = fileSystem.Normalize(sourceDirName, nameof(sourceDirName));
        string target = fileSystem.Normalize(destDirName, nameof(destDirName));
        Disk.Move(source, target, overwrite: false, directory: Disk.IsDirectory(source) || !Disk.IsFile(source));
    }

    public string GetCurrentDirectory() => fileSystem.CurrentDirectory;

    public void SetCurrentDirectory(string path)
    {
        string full = fileSystem.Normalize(path, nameof(path));
        Disk.ThrowIfDown(full);
        fileSystem.CurrentDirectory = Disk.IsDirectory(full) ? full : throw StorageErrors.DirectoryNotFound(full);
    }

    public string GetDirectoryRoot(string path)
    {
        fileSystem.Normalize(path, nameof(path));
        return FileTree.Root;
    }

    public string[] GetLogicalDrives() => [FileTree.Root];

    public IDirectoryInfo? GetParent(string path)
    {
        string? parent = SimulatedDisk.Parent(fileSystem.Normalize(path, nameof(path)));
        return parent is null ? null : fileSystem.DirectoryInfo.New(parent);
    }

    public DateTime GetCreationTime(string path) => Stamp(path);

    public DateTime GetCreationTimeUtc(string path) => Stamp(path);

    public DateTime GetLastAccessTime(string path) => Stamp(path);

    public DateTime GetLastAccessTimeUtc(string path) => Stamp(path);

    public DateTime GetLastWriteTime(string path) => Stamp(path);

    public DateTime GetLastWriteTimeUtc(string path) => Stamp(path);

    public void SetCreationTime(string path, DateTime creationTime) => throw Times();

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => throw Times();

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => throw Times();

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => throw Times();

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => throw Times();

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => throw Times();

    public string[] GetDirectories(string path) => List(path, "*", false, Kind.Directories).ToArray();

    public string[] GetDirectories(string path, string searchPattern) => List(path, searchPattern, false, Kind.Directories).ToArray();

    public string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) => List(path, searchPattern, Recurse(searchOption), Kind.Directories).ToArray();

    public string[] GetDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => List(path, searchPattern, Recurse(enumerationOptions), Kind.Directories).ToArray();

    public string[] GetFiles(string path) => List(path, "*", false, Kind.Files).ToArray();

    public string[] GetFiles(string path, string searchPattern) => List(path, searchPattern, false, Kind.Files).ToArray();

    public string[] GetFiles(string path, string searchPattern, SearchOption searchOption) => List(path, searchPattern, Recurse(searchOption), Kind.Files).ToArray();

    public string[] GetFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => List(path, searchPattern, Recurse(enumerationOptions), Kind.Files).ToArray();

    public string[] GetFileSystemEntries(string path) => List(path, "*", false, Kind.Both).ToArray();

    public string[] GetFileSystemEntries(string path, string searchPattern) => List(path, searchPattern, false, Kind.Both).ToArray();

    public string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => List(path, searchPattern, Recurse(searchOption), Kind.Both).ToArray();

    public string[] GetFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => List(path, searchPattern, Recurse(enumerationOptions), Kind.Both).ToArray();

    public IEnumerable<string> EnumerateDirectories(string path) => List(path, "*", false, Kind.Directories);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern) => List(path, searchPattern, false, Kind.Directories);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) => List(path, searchPattern, Recurse(searchOption), Kind.Directories);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => List(path, searchPattern, Recurse(enumerationOptions), Kind.Directories);

    public IEnumerable<string> EnumerateFiles(string path) => List(path, "*", false, Kind.Files);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => List(path, searchPattern, false, Kind.Files);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) => List(path, searchPattern, Recurse(searchOption), Kind.Files);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => List(path, searchPattern, Recurse(enumerationOptions), Kind.Files);

    public IEnumerable<string> EnumerateFileSystemEntries(string path) => List(path, "*", false, Kind.Both);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) => List(path, searchPattern, false, Kind.Both);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => List(path, searchPattern, Recurse(searchOption), Kind.Both);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => List(path, searchPattern, Recurse(enumerationOptions), Kind.Both);

    /// <summary>The entries of <paramref name="path"/> (as a snapshot taken now), in ordinal order of their full paths.</summary>
    internal List<(string Path, bool IsDirectory)> Entries(string path, string searchPattern, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(searchPattern);
        string full = fileSystem.Normalize(path, nameof(path));
        string prefix = full == FileTree.Root ? FileTree.Root : full + "/";
        var result = new List<(string, bool)>();
        foreach ((string entry, bool isDirectory) in Disk.List(full, recursive))
        {
            if (FileSystemName.MatchesSimpleExpression(searchPattern, Path.GetFileName(entry), ignoreCase: false))
            {
                result.Add((Path.Join(path, entry[prefix.Length..]), isDirectory));
            }
        }

        return result;
    }

    private static bool Recurse(SearchOption option) => option == SearchOption.AllDirectories;

    private static bool Recurse(EnumerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RecurseSubdirectories;
    }

    private static NotSupportedException Times() => StorageErrors.Unsupported("Directory.Set...Time (directories carry no timestamps)");

    private List<string> List(string path, string searchPattern, bool recursive, Kind kind) =>
        Entries(path, searchPattern, recursive)
            .Where(e => kind == Kind.Both || e.IsDirectory == (kind == Kind.Directories))
            .Select(e => e.Path)
            .ToList();

    private DateTime Stamp(string path)
    {
        string full = fileSystem.Normalize(path, nameof(path));
        Disk.ThrowIfDown(full);
        return Disk.IsDirectory(full) ? fileSystem.Time(0) : DateTime.FromFileTimeUtc(0);
    }
}
