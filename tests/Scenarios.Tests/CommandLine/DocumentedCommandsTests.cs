using System.Text.RegularExpressions;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>The docs say what the code does: paths and links resolve, options and budgets match the command line.</summary>
public sealed partial class DocumentedCommandsTests
{
    private static readonly string s_root = RepositoryRoot();

    public static TheoryData<string> Pages() =>
        new(new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(s_root, "docs"), "*.md").Select(p => Path.GetRelativePath(s_root, p)).Order()));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Docs_name_only_files_and_links_that_exist(string page)
    {
        string text = File.ReadAllText(Path.Combine(s_root, page));
        string folder = Path.GetDirectoryName(Path.Combine(s_root, page))!;
        var missing = new List<string>();
        foreach (Match m in RepositoryPath().Matches(text))
        {
            string path = m.Groups[1].Value.TrimEnd('/');
            string directory = Path.Combine(s_root, Path.GetDirectoryName(path)!);
            string name = Path.GetFileName(path);
            bool exists = name.Contains('*', StringComparison.Ordinal)
                ? Directory.Exists(directory) && Directory.GetFiles(directory, name).Length > 0
                : File.Exists(Path.Combine(s_root, path)) || Directory.Exists(Path.Combine(s_root, path));
            if (!exists)
            {
                missing.Add(path);
            }
        }

        foreach (Match m in RelativeLink().Matches(text))
        {
            string target = Path.Combine(folder, m.Groups[1].Value);
            if (!File.Exists(target))
            {
                missing.Add("link " + m.Groups[1].Value);
            }
            else if (m.Groups[2].Success && !Heading().Matches(File.ReadAllText(target)).Any(h => Slug(h.Groups[1].Value) == m.Groups[2].Value))
            {
                missing.Add($"link {m.Groups[1].Value}#{m.Groups[2].Value} (no such heading)");
            }
        }

        missing.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("explore")]
    [InlineData("replay")]
    [InlineData("trace")]
    [InlineData("list")]
    [InlineData("merge")]
    public void The_commands_table_names_exactly_the_options_of_each_command(string command)
    {
        string table = File.ReadAllText(Path.Combine(s_root, "docs", "scenarios.md"));
        string row = table.Split('\n').Single(l => l.StartsWith($"| `{command} ", StringComparison.Ordinal));
        string[] documented = OptionName().Matches(Regex.Split(row, @"(?<!\\)\|")[1]).Select(m => m.Value).Distinct().Order().ToArray();
        (int code, string help, _) = Cli.Run(command, "--help");
        code.ShouldBe(0);
        string[] actual = OptionName().Matches(help).Select(m => m.Value).Where(o => o != "--help").Distinct().Order().ToArray();
        documented.ShouldBe(actual);
    }

    [Fact]
    public void Scenarios_doc_has_a_section_per_scenario_with_its_budget()
    {
        string doc = File.ReadAllText(Path.Combine(s_root, "docs", "scenarios.md"));
        string readme = File.ReadAllText(Path.Combine(s_root, "README.md"));
        ScenarioCatalog catalog = CommonOptions.Catalog(null);
        var sections = ScenarioSection().Matches(doc).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        sections.Keys.Order().ShouldBe(catalog.All.Select(s => s.Name).Order());
        foreach (ScenarioDefinition scenario in catalog.All)
        {
            sections[scenario.Name].ShouldBe(scenario.Budget, scenario.Name);
            readme.ShouldContain($"- **{scenario.Name}** (budget {scenario.Budget})");
        }

        string[] words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
        doc.ShouldContain($" with {words[catalog.All.Count]} small systems");
    }

    [Fact]
    public void The_package_readmes_example_is_the_one_getting_started_runs()
    {
        string readme = File.ReadAllText(Path.Combine(s_root, "src", "SimLoop", "PACKAGE.md"));
        string page = File.ReadAllText(Path.Combine(s_root, "docs", "getting-started.md"));
        string example = CSharpBlock().Match(readme).Groups[1].Value;
        string[] lines = example.Split('\n');
        lines.Length.ShouldBeGreaterThan(10);
        string indented = string.Join('\n', lines.Select(l => l.Length == 0 ? l : "    " + l));
        page.ShouldContain(indented.TrimEnd(), Case.Sensitive, "the package README's example must be the method docs/getting-started.md compiles and runs (.ci/pack-test)");
    }

    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Slug(string heading) =>
        new string(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-');

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

    [GeneratedRegex(@"`((?:src|scenarios|tests|bench|docs|eng|\.ci)/[^`\s]+)`")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"\]\(([^)#:]+\.md)(?:#([^)]*))?\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^#+ (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^### ([a-z-]+) \(budget (\d+)", RegexOptions.Multiline)]
    private static partial Regex ScenarioSection();
}
