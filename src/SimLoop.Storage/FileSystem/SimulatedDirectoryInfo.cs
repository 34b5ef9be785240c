using System.IO.Abstractions;

namespace SimLoop.Storage.FileSystem;

/// <summary><see cref="IDirectoryInfo"/> over <see cref="SimulatedDirectory"/>: every member acts on the disk at once, listings in ordinal order.</summary>
internal sealed class SimulatedDirectoryInfo(SimulatedFileSystem fileSystem, string path) : SimulatedFileSystemInfo(fileSystem, path), IDirectoryInfo
{
    public override bool Exists => Owner.Directory.Exists(FullName);

    public IDirectoryInfo? Parent => Owner.Directory.GetParent(FullName);

    public IDirectoryInfo Root => Owner.DirectoryInfo.New("/");

    private SimulatedDirectory Directory => (SimulatedDirectory)Owner.Directory;

    public void Create() => Owner.Directory.CreateDirectory(FullName);

    public IDirectoryInfo CreateSubdirectory(string path) => Owner.Directory.CreateDirectory(Path.Combine(FullName, path));

    public void Delete(bool recursive) => Owner.Directory.Delete(FullName, recursive);

    public override void Delete() => Delete(recursive: false);

    public void MoveTo(string destDirName)
    {
        Owner.Directory.Move(FullName, destDirName);
        FullName = Owner.Normalize(destDirName, nameof(destDirName));
    }

    public IEnumerable<IDirectoryInfo> EnumerateDirectories() => Dirs("*", false);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern) => Dirs(searchPattern, false);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, SearchOption searchOption) => Dirs(searchPattern, searchOption == SearchOption.AllDirectories);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, EnumerationOptions enumerationOptions) => Dirs(searchPattern, Recurse(enumerationOptions));

    public IEnumerable<IFileInfo> EnumerateFiles() => Files("*", false);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern) => Files(searchPattern, false);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, SearchOption searchOption) => Files(searchPattern, searchOption == SearchOption.AllDirectories);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, EnumerationOptions enumerationOptions) => Files(searchPattern, Recurse(enumerationOptions));

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos() => Infos("*", false);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern) => Infos(searchPattern, false);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, SearchOption searchOption) => Infos(searchPattern, searchOption == SearchOption.AllDirectories);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) => Infos(searchPattern, Recurse(enumerationOptions));

    public IDirectoryInfo[] GetDirectories() => Dirs("*", false).ToArray();

    public IDirectoryInfo[] GetDirectories(string searchPattern) => Dirs(searchPattern, false).ToArray();

    public IDirectoryInfo[] GetDirectories(string searchPattern, SearchOption searchOption) => Dirs(searchPattern, searchOption == SearchOption.AllDirectories).ToArray();

    public IDirectoryInfo[] GetDirectories(string searchPattern, EnumerationOptions enumerationOptions) => Dirs(searchPattern, Recurse(enumerationOptions)).ToArray();

    public IFileInfo[] GetFiles() => Files("*", false).ToArray();

    public IFileInfo[] GetFiles(string searchPattern) => Files(searchPattern, false).ToArray();

    public IFileInfo[] GetFiles(string searchPattern, SearchOption searchOption) => Files(searchPattern, searchOption == SearchOption.AllDirectories).ToArray();

    public IFileInfo[] GetFiles(string searchPattern, EnumerationOptions enumerationOptions) => Files(searchPattern, Recurse(enumerationOptions)).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos() => Infos("*", false).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern) => Infos(searchPattern, false).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, SearchOption searchOption) => Infos(searchPattern, searchOption == SearchOption.AllDirectories).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) => Infos(searchPattern, Recurse(enumerationOptions)).ToArray();

    private static bool Recurse(EnumerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RecurseSubdirectories;
    }

    private List<IDirectoryInfo> Dirs(string pattern, bool recursive) =>
        Directory.Entries(FullName, pattern, recursive).Where(e => e.IsDirectory).Select(e => Owner.DirectoryInfo.New(e.Path)).ToList();

    private List<IFileInfo> Files(string pattern, bool recursive) =>
        Directory.Entries(FullName, pattern, recursive).Where(e => !e.IsDirectory).Select(e => Owner.FileInfo.New(e.Path)).ToList();

    private List<IFileSystemInfo> Infos(string pattern, bool recursive) =>
        Directory.Entries(FullName, pattern, recursive)
            .Select(e => e.IsDirectory ? (IFileSystemInfo)Owner.DirectoryInfo.New(e.Path) : Owner.FileInfo.New(e.Path))
            .ToList();
}
