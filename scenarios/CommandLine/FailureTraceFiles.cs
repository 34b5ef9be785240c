using SimLoop.Exploration;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// The trace files of an exploration's failures, written by the command line (not by the explorer) so that a folder
/// that cannot be written costs only the file: the failure is still reported, with the I/O error beside it.
/// </summary>
internal sealed class FailureTraceFiles
{
    private readonly string?[] _paths;

    private FailureTraceFiles(string?[] paths, string? error)
    {
        _paths = paths;
        Error = error;
    }

    /// <summary>Why a file could not be written (the first such error), or null.</summary>
    public string? Error { get; }

    /// <summary>The full path of failure <paramref name="index"/>'s trace file, or null if it was not written.</summary>
    public string? PathOf(int index) => index < _paths.Length ? _paths[index] : null;

    /// <summary>Writes one file per failure as <c>&lt;folder&gt;/&lt;scenario&gt;-&lt;seed&gt;.json</c>; never throws for I/O.</summary>
    public static FailureTraceFiles Write(IReadOnlyList<FailureReport> failures, string? folder, RunSettings settings)
    {
        var paths = new string?[failures.Count];
        if (folder is null || failures.Count == 0)
        {
            return new FailureTraceFiles(paths, null);
        }

        for (int i = 0; i < failures.Count; i++)
        {
            string path = Path.GetFullPath(Path.Combine(folder, $"{settings.Scenario.Name}-{failures[i].Seed}.json"));
            ScheduleTraceFile file = failures[i].ToTraceFile();
            file.TestName = settings.Scenario.Name;
            file.ReplayLine = settings.ReplayCommand("replay", null, RelativeToCurrentDirectory(path));
            try
            {
                file.Write(path);
                paths[i] = path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new FailureTraceFiles(paths, $"cannot write the trace file {path}: {ex.Message} (choose another folder with --failure-folder DIR)");
            }
        }

        return new FailureTraceFiles(paths, null);
    }

    /// <summary>A path as the user would type it from the current folder (relative below it, else absolute).</summary>
    public static string RelativeToCurrentDirectory(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
