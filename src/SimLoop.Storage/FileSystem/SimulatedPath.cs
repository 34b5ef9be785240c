using System.IO.Abstractions;
using SimLoop.Storage.Seam;
using IOPath = System.IO.Path;

namespace SimLoop.Storage.FileSystem;

/// <summary>
/// Path strings as <see cref="IOPath"/> computes them (pure string work), except what touches the machine: full paths
/// resolve against the simulated current directory, the temp directory is <c>/tmp/</c>, and random names come from
/// the seed.
/// </summary>
internal sealed class SimulatedPath(SimulatedFileSystem fileSystem) : IPath
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private Random? _names;

    public IFileSystem FileSystem => fileSystem;

    public char AltDirectorySeparatorChar => IOPath.AltDirectorySeparatorChar;

    public char DirectorySeparatorChar => IOPath.DirectorySeparatorChar;

    public char PathSeparator => IOPath.PathSeparator;

    public char VolumeSeparatorChar => IOPath.VolumeSeparatorChar;

    public string ChangeExtension(string? path, string? extension) => IOPath.ChangeExtension(path, extension)!;

    public string Combine(string path1, string path2) => IOPath.Combine(path1, path2);

    public string Combine(string path1, string path2, string path3) => IOPath.Combine(path1, path2, path3);

    public string Combine(string path1, string path2, string path3, string path4) => IOPath.Combine(path1, path2, path3, path4);

    public string Combine(params string[] paths) => IOPath.Combine(paths);

    public string Combine(params ReadOnlySpan<string> paths) => IOPath.Combine(paths);

    public bool EndsInDirectorySeparator(ReadOnlySpan<char> path) => IOPath.EndsInDirectorySeparator(path);

    public bool EndsInDirectorySeparator(string path) => IOPath.EndsInDirectorySeparator(path);

    public bool Exists(string? path) => !string.IsNullOrWhiteSpace(path) && fileSystem.Disk.IsUp
        && (fileSystem.Disk.IsFile(fileSystem.Normalize(path, nameof(path))) || fileSystem.Disk.IsDirectory(fileSystem.Normalize(path, nameof(path))));

    public ReadOnlySpan<char> GetDirectoryName(ReadOnlySpan<char> path) => IOPath.GetDirectoryName(path);

    public string? GetDirectoryName(string? path) => IOPath.GetDirectoryName(path);

    public ReadOnlySpan<char> GetExtension(ReadOnlySpan<char> path) => IOPath.GetExtension(path);

    public string? GetExtension(string? path) => IOPath.GetExtension(path);

    public ReadOnlySpan<char> GetFileName(ReadOnlySpan<char> path) => IOPath.GetFileName(path);

    public string? GetFileName(string? path) => IOPath.GetFileName(path);

    public ReadOnlySpan<char> GetFileNameWithoutExtension(ReadOnlySpan<char> path) => IOPath.GetFileNameWithoutExtension(path);

    public string? GetFileNameWithoutExtension(string? path) => IOPath.GetFileNameWithoutExtension(path);

    public string GetFullPath(string path) => fileSystem.Normalize(path, nameof(path));

    public string GetFullPath(string path, string basePath) => IOPath.GetFullPath(path, basePath);

    public char[] GetInvalidFileNameChars() => IOPath.GetInvalidFileNameChars();

    public char[] GetInvalidPathChars() => IOPath.GetInvalidPathChars();

    public ReadOnlySpan<char> GetPathRoot(ReadOnlySpan<char> path) => IOPath.GetPathRoot(path);

    public string? GetPathRoot(string? path) => IOPath.GetPathRoot(path);

    public string GetRandomFileName()
    {
        Random names = _names ??= fileSystem.Disk.Scheduler.GetRandom(StorageConcerns.ForHost(StorageConcerns.Names, fileSystem.HostName));
        Span<char> name = stackalloc char[12];
        for (int i = 0; i < name.Length; i++)
        {
            name[i] = i == 8 ? '.' : Alphabet[names.Next(Alphabet.Length)];
        }

        return new string(name);
    }

    public string GetRelativePath(string relativeTo, string path) => IOPath.GetRelativePath(relativeTo, path);

    public string GetTempFileName()
    {
        fileSystem.Directory.CreateDirectory(GetTempPath());
        string path = IOPath.Combine(GetTempPath(), "tmp" + GetRandomFileName().Replace('.', '0') + ".tmp");
        fileSystem.File.Create(path).Dispose();
        return path;
    }

    public string GetTempPath() => "/tmp/";

    public bool HasExtension(ReadOnlySpan<char> path) => IOPath.HasExtension(path);

    public bool HasExtension(string? path) => IOPath.HasExtension(path);

    public bool IsPathFullyQualified(ReadOnlySpan<char> path) => IOPath.IsPathFullyQualified(path);

    public bool IsPathFullyQualified(string path) => IOPath.IsPathFullyQualified(path);

    public bool IsPathRooted(ReadOnlySpan<char> path) => IOPath.IsPathRooted(path);

    public bool IsPathRooted(string? path) => IOPath.IsPathRooted(path);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2) => IOPath.Join(path1, path2);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3) => IOPath.Join(path1, path2, path3);

    public string Join(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, ReadOnlySpan<char> path4) => IOPath.Join(path1, path2, path3, path4);

    public string Join(string? path1, string? path2) => IOPath.Join(path1, path2);

    public string Join(string? path1, string? path2, string? path3) => IOPath.Join(path1, path2, path3);

    public string Join(string? path1, string? path2, string? path3, string? path4) => IOPath.Join(path1, path2, path3, path4);

    public string Join(params string?[] paths) => IOPath.Join(paths);

    public string Join(params ReadOnlySpan<string?> paths) => IOPath.Join(paths);

    public ReadOnlySpan<char> TrimEndingDirectorySeparator(ReadOnlySpan<char> path) => IOPath.TrimEndingDirectorySeparator(path);

    public string TrimEndingDirectorySeparator(string path) => IOPath.TrimEndingDirectorySeparator(path);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, Span<char> destination, out int charsWritten) =>
        IOPath.TryJoin(path1, path2, destination, out charsWritten);

    public bool TryJoin(ReadOnlySpan<char> path1, ReadOnlySpan<char> path2, ReadOnlySpan<char> path3, Span<char> destination, out int charsWritten) =>
        IOPath.TryJoin(path1, path2, path3, destination, out charsWritten);
}
