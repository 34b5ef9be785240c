using Shouldly;
using Xunit;

namespace SimLoop.Xunit.Tests;

/// <summary>The README's code blocks are these tests' code: each region between README-BEGIN and README-END markers appears in the README verbatim.</summary>
public sealed class ReadmeSnippetTests
{
    [Theory]
    [InlineData("src/SimLoop.Xunit/README.md", "ReadmeOverdraft.cs", "simulation-fact")]
    [InlineData("README.md", "ReadmeOverdraft.cs", "simulation-fact")]
    [InlineData("src/SimLoop.Xunit/README.md", "LiveSimulationTests.cs", "simulation-theory")]
    public void Readme_ShowsSnippet_ExactlyAsCompiled(string readme, string file, string snippet)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), readme)).Replace("\r\n", "\n", StringComparison.Ordinal);

        text.ShouldContain(Snippet(Path.Combine(RepositoryRoot(), "tests", "SimLoop.Xunit.Tests", file), snippet));
    }

    private static string Snippet(string path, string name)
    {
        string[] lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int begin = Array.FindIndex(lines, l => l.Trim() == "// README-BEGIN " + name);
        int end = Array.FindIndex(lines, l => l.Trim() == "// README-END " + name);
        begin.ShouldBeGreaterThanOrEqualTo(0, $"no README-BEGIN {name} in {path}");
        end.ShouldBeGreaterThan(begin, $"no README-END {name} after its BEGIN in {path}");
        int indent = lines[begin].Length - lines[begin].TrimStart().Length;
        return string.Join('\n', lines[(begin + 1)..end].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
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
