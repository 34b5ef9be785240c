namespace SimLoop.FsCheck.Tests.Support;

/// <summary>What of a failure report is SimLoop's to keep the same: FsCheck's text without the stack frames of the
/// exception it quotes (FsCheck's own frames differ between calls: Lazy's first and later paths).</summary>
internal static class FailureText
{
    public static string WithoutStackFrames(string report) => string.Join('\n', report.Split('\n').Where(line =>
        !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !line.TrimStart().StartsWith("--- End of", StringComparison.Ordinal)));
}
