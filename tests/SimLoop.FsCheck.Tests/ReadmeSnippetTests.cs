using Shouldly;
using Xunit;

namespace SimLoop.FsCheck.Tests;

/// <summary>The README's FsCheck code blocks are <see cref="ReadmeProperties"/>' code: each region between README-BEGIN and README-END appears verbatim.</summary>
public sealed class ReadmeSnippetTests
{
    [Theory]
    [InlineData("README.md", "fscheck-seeds")]
    [InlineData("README.md", "fscheck-operations")]
    [InlineData("src/SimLoop.FsCheck/PACKAGE.md", "fscheck-seeds")]
    [InlineData("src/SimLoop.FsCheck/PACKAGE.md", "fscheck-operations")]
    public void Readme_ShowsSnippet_ExactlyAsCompiled(string readme, string snippet)
    {
        string root = RepositoryRoot();
        string text = File.ReadAllText(Path.Combine(root, readme)).Replace("\r\n", "\n", StringComparison.Ordinal);
        string[] lines = File.ReadAllText(Path.Combine(root, "tests", "SimLoop.FsCheck.Tests", "ReadmeProperties.cs")).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int begin = Array.FindIndex(lines, l => l.Trim() == "// README-BEGIN " + snippet);
        int end = Array.FindIndex(lines, l => l.Trim() == "// README-END " + snippet);
        end.ShouldBeGreaterThan(begin);
        begin.ShouldBeGreaterThanOrEqualTo(0);
        int indent = lines[begin].Length - lines[begin].TrimStart().Length;

        text.ShouldContain(string.Join('\n', lines[(begin + 1)..end].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SimLoop.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SimLoop.sln not found above the test assembly.");
    }
}
