namespace SimLoop.Storage;

/// <summary>
/// The exceptions a simulated disk throws, shaped as .NET itself throws them on Linux: an <see cref="IOException"/>
/// whose <see cref="Exception.HResult"/> is the raw errno (dotnet/runtime's <c>Interop.GetExceptionForIoErrno</c>
/// falls through to <c>new IOException(message, errorInfo.RawErrno)</c> for EIO and ENOSPC).
/// </summary>
public static class StorageErrors
{
    /// <summary>EIO (5), "Input/output error": the HResult of a failed fsync and of I/O on a crashed host.</summary>
    public const int InputOutputError = 5;

    /// <summary>ENOSPC (28), "No space left on device": the HResult of a write past the disk's capacity.</summary>
    public const int NoSpaceLeft = 28;

    /// <summary>EEXIST (17), "File exists": the HResult when a create or move meets an existing entry.</summary>
    public const int FileExists = 17;

    internal static IOException Eio(string path, string why) => new($"Input/output error : '{path}' ({why})", InputOutputError);

    internal static IOException DiskFull(string path) => new($"No space left on device : '{path}'", NoSpaceLeft);

    internal static IOException Exists(string path) => new($"The file '{path}' already exists.", FileExists);

    internal static FileNotFoundException FileNotFound(string path) => new($"Could not find file '{path}'.", path);

    internal static DirectoryNotFoundException DirectoryNotFound(string path) => new($"Could not find a part of the path '{path}'.");

    internal static UnauthorizedAccessException IsDirectory(string path) => new($"Access to the path '{path}' is denied (it is a directory).");

    internal static NotSupportedException Unsupported(string member) =>
        new($"{member} is not supported by the simulated file system (SimLoop.Storage): it models files, directories, streams, fsync and crashes only.");
}
