using System.Text.Json;
using System.Text.Json.Nodes;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>merge: shard reports of explore --json unioned into the report of one process over the same range.</summary>
public sealed class MergeTests
{
    private static readonly string[] s_deadlock = ["explore", "async-deadlock", "--iterations", "40", "--keep-going", "--seed", "7", "--parallel", "1"];

    [Fact]
    public void Merge_of_four_shard_processes_reports_the_same_failing_seeds_as_one_process()
    {
        string folder = Cli.TempFolder();
        var files = new List<string>();
        for (int index = 0; index < 4; index++)
        {
            var environment = new Dictionary<string, string> { [ShardSelection.KubernetesIndex] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            (int code, string output, string error) = Cli.RunProcessWith(environment, folder, [.. s_deadlock, "--shard", "auto", "--shard-count", "4", "--json"]);
            error.ShouldBeEmpty();
            code.ShouldBe(CommandLineApp.BugFound);
            string file = Path.Combine(folder, $"shard-{index}.json");
            File.WriteAllText(file, output);
            files.Add(file);
        }

        JsonElement merged = Cli.Json(["merge", .. files]);
        JsonElement whole = Cli.Json([.. s_deadlock[..3], "160", .. s_deadlock[4..], "--failure-folder", folder]);
        Numbers(merged, "failingSeeds").ShouldNotBeEmpty();
        Numbers(merged, "failingSeeds").ShouldBe(Numbers(whole, "failingSeeds"));
        Numbers(merged, "failingIterations").ShouldBe(Numbers(whole, "failingIterations"));
        Numbers(merged, "seedsRun").ShouldBe(Numbers(whole, "seedsRun"));
        merged.GetProperty("iterationsRun").GetInt32().ShouldBe(160);
        merged.GetProperty("passed").GetBoolean().ShouldBeFalse();
        merged.GetProperty("shard").GetString().ShouldBe("1/1");
        merged.GetProperty("traceHash").GetString().ShouldBe(whole.GetProperty("traceHash").GetString());
        merged.GetProperty("replayCommand").GetString().ShouldEndWith($" replay async-deadlock --seed {Numbers(whole, "failingSeeds")[0]}");
    }

    [Fact]
    public void Merge_json_has_every_field_of_a_single_run()
    {
        string[] files = Shards(s_deadlock, 2);
        JsonElement merged = Cli.Json(["merge", .. files]);
        JsonElement single = Cli.Json([.. s_deadlock, "--failure-folder", Cli.TempFolder()]);
        string[] mergedFields = merged.EnumerateObject().Select(p => p.Name).ToArray();
        single.EnumerateObject().Select(p => p.Name).ShouldBeSubsetOf(mergedFields);
    }

    [Fact]
    public void Merge_text_report_lists_failing_seeds_and_the_replay_and_exits_1()
    {
        (int code, string output, string error) = Cli.Run(["merge", .. Shards(s_deadlock, 2)]);
        error.ShouldBeEmpty();
        code.ShouldBe(CommandLineApp.BugFound);
        output.ShouldContain("Merged 2 of 2 shards of async-deadlock");
        output.ShouldContain("Bug found: ");
        output.ShouldContain("dotnet run --project scenarios -- replay async-deadlock --seed ");
    }

    [Fact]
    public void Merge_of_passing_shards_exits_0_and_warns_of_a_missing_shard()
    {
        string[] files = Shards(["explore", "lost-update", "--fixed", "--iterations", "20", "--parallel", "1"], 3);
        (int code, string output, _) = Cli.Run("merge", files[0], files[2]);
        code.ShouldBe(CommandLineApp.Passed);
        output.ShouldContain("No bug found in 40 iterations");
        output.ShouldContain("warning: shard 2 of 3 missing");
        Cli.Json("merge", files[0], files[2]).GetProperty("shard").GetString().ShouldBe("1,3/3");
    }

    [Fact]
    public void Merge_takes_unknown_fields_from_the_shard_with_the_earliest_failure()
    {
        string[] files = Shards(s_deadlock, 2);
        JsonElement first = JsonDocument.Parse(File.ReadAllText(files[0])).RootElement;
        JsonElement second = JsonDocument.Parse(File.ReadAllText(files[1])).RootElement;
        long firstAt = (first.GetProperty("failingIterations")[0].GetInt64() - 1) * 2;
        long secondAt = ((second.GetProperty("failingIterations")[0].GetInt64() - 1) * 2) + 1;
        Rewrite(files[0], d => d["futureField"] = "from shard 1");
        Rewrite(files[1], d => d["futureField"] = "from shard 2");
        Cli.Json(["merge", .. files]).GetProperty("futureField").GetString().ShouldBe(firstAt < secondAt ? "from shard 1" : "from shard 2");
    }

    [Theory]
    [InlineData("scenario", "\"lost-update\"", "has scenario \"lost-update\"")]
    [InlineData("strategy", "\"pct\"", "has strategy \"pct\"")]
    [InlineData("baseSeed", "8", "has baseSeed 8")]
    [InlineData("fixed", "true", "has fixed true")]
    [InlineData("shard", "\"1/2\"", "are both shard 1/2: the shards overlap")]
    [InlineData("shard", "\"2/3\"", "is a shard of 3 but")]
    public void Merge_of_reports_of_different_explorations_exits_2(string field, string value, string expected)
    {
        string[] files = Shards(s_deadlock, 2);
        Rewrite(files[1], d => d[field] = JsonNode.Parse(value));
        (int code, _, string error) = Cli.Run(["merge", .. files]);
        code.ShouldBe(CommandLineApp.BadArguments);
        error.ShouldStartWith("error: ");
        error.ShouldContain(expected);
    }

    [Theory]
    [InlineData("missing", "report file not found")]
    [InlineData("not json", "is not JSON")]
    [InlineData("[1, 2]", "is not a report of explore --json")]
    [InlineData("{\"scenario\": \"lost-update\"}", "has no fixed, no strategy")]
    [InlineData("{\"mergedFrom\": []}", "is already a merged report")]
    public void Merge_of_an_unusable_file_exits_2_naming_it(string content, string expected)
    {
        string file = Path.Combine(Cli.TempFolder(), "report.json");
        if (content != "missing")
        {
            File.WriteAllText(file, content);
        }

        (int code, _, string error) = Cli.Run("merge", file);
        code.ShouldBe(CommandLineApp.BadArguments);
        error.ShouldContain(file);
        error.ShouldContain(expected);
    }

    [Fact]
    public void Merge_without_files_exits_2_with_an_example()
    {
        (int code, _, string error) = Cli.Run("merge");
        code.ShouldBe(CommandLineApp.BadArguments);
        error.ShouldContain("merge needs the report files written by explore --json");
    }

    /// <summary>Runs every shard of <paramref name="explore"/> in this process and writes each --json report to a file.</summary>
    private static string[] Shards(string[] explore, int count)
    {
        string folder = Cli.TempFolder();
        return Enumerable.Range(1, count).Select(shard =>
        {
            (_, string output, string error) = Cli.Run([.. explore, "--shard", $"{shard}/{count}", "--json", "--failure-folder", folder]);
            error.ShouldBeEmpty();
            string file = Path.Combine(folder, $"shard-{shard}.json");
            File.WriteAllText(file, output);
            return file;
        }).ToArray();
    }

    private static void Rewrite(string file, Action<JsonObject> change)
    {
        var document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        change(document);
        File.WriteAllText(file, document.ToJsonString());
    }

    private static ulong[] Numbers(JsonElement json, string property) =>
        json.GetProperty(property).EnumerateArray().Select(e => e.GetUInt64()).ToArray();
}
