using System.Text.RegularExpressions;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>The engine examples of docs/sharding.md run commands the explorer accepts, with counts that agree.</summary>
public sealed partial class ShardingExamplesTests
{
    private static readonly string s_examples = Path.Combine(RepositoryRoot(), "docs", "examples");

    [Fact]
    public void Indexed_job_shard_count_equals_its_completions_and_its_explore_parses()
    {
        string manifest = File.ReadAllText(Path.Combine(s_examples, "simloop-indexed-job.yaml"));
        string completions = Completions().Match(manifest).Groups[1].Value;
        manifest.ShouldContain("completionMode: Indexed");
        manifest.ShouldContain($"--shard auto --shard-count {completions}");
        manifest.ShouldContain("simloop merge ");
    }

    [Fact]
    public void Workflow_matrix_covers_every_shard_it_names_and_merges_them()
    {
        string workflow = File.ReadAllText(Path.Combine(s_examples, "simloop-shards.yml"));
        string[] shards = Matrix().Match(workflow).Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        shards.ShouldBe(Enumerable.Range(1, shards.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        workflow.ShouldContain($"--shard ${{{{ matrix.shard }}}}/{shards.Length} --json");
        workflow.ShouldContain("simloop merge ");
    }

    [Theory]
    [InlineData("simloop-indexed-job.yaml")]
    [InlineData("simloop-shards.yml")]
    public void Example_explore_options_are_options_of_explore(string file)
    {
        string text = File.ReadAllText(Path.Combine(s_examples, file));
        (_, string help, _) = Cli.Run("explore", "--help");
        foreach (Match option in Option().Matches(text[text.IndexOf("simloop explore", StringComparison.Ordinal)..]).Where(m => m.Index < 400))
        {
            help.ShouldContain(option.Value, Case.Sensitive, $"{file} uses {option.Value}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SimLoop.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("SimLoop.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s+completions: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex Completions();

    [GeneratedRegex(@"shard: \[([0-9, ]+)\]")]
    private static partial Regex Matrix();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex Option();
}
