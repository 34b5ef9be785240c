using System.Text.Json;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>explore: exit codes, the report, parallelism and shards.</summary>
public sealed class ExploreTests
{
    [Fact]
    public void Explore_reports_the_bug_with_seed_schedule_replay_commands_and_trace_file()
    {
        string folder = Cli.TempFolder();
        (int code, string output, string error) = Cli.Run("explore", "lost-update", "--failure-folder", folder);
        error.ShouldBeEmpty();
        code.ShouldBe(1);
        output.ShouldContain("Bug found");
        output.ShouldContain("lost update: 6 INC requests were acknowledged");
        output.ShouldContain("minimised schedule: v1:");
        output.ShouldContain("dotnet run --project scenarios -- replay lost-update --seed ");
        output.ShouldContain("--trace ");
        Directory.GetFiles(folder, "lost-update-*.json").Length.ShouldBe(1);
    }

    [Fact]
    public void Explore_of_the_fixed_variant_exits_0()
    {
        (int code, string output, _) = Cli.Run("explore", "lost-update", "--fixed", "--iterations", "300");
        code.ShouldBe(0);
        output.ShouldContain("No bug found in 300 iterations");
    }

    [Fact]
    public void Json_gives_the_coverage_and_html_draws_it_as_an_inline_svg_chart()
    {
        string folder = Cli.TempFolder();
        string html = Path.Combine(folder, "exploration.html");
        JsonElement json = Cli.Json("explore", "double-booking", "--fixed", "--iterations", "60", "--strategy", "fifo", "--html", html);
        JsonElement coverage = json.GetProperty("coverage");
        coverage.GetProperty("distinctBehaviours").GetInt32().ShouldBe(1, "FIFO on fixed latencies runs the same behaviour on every seed");
        coverage.GetProperty("newInLastWindow").GetInt32().ShouldBe(0);
        coverage.GetProperty("window").GetInt32().ShouldBe(6);

        string page = File.ReadAllText(html);
        page.ShouldContain("<svg");
        page.ShouldContain("<polyline class=\"behaviours\"");
        page.ShouldContain("<polyline class=\"failures\"");
        page.ShouldContain("60 iterations, 0 failing, 1 distinct behaviours");
        page.ShouldNotContain("<script");
    }

    [Fact]
    public void Two_threads_find_the_same_failing_seeds_as_one()
    {
        string[] args = ["explore", "async-deadlock", "--iterations", "150", "--keep-going", "--seed", "7", "--failure-folder", Cli.TempFolder()];
        JsonElement one = Cli.Json([.. args, "--parallel", "1"]);
        JsonElement two = Cli.Json([.. args, "--parallel", "2"]);
        Seeds(one, "failingSeeds").ShouldNotBeEmpty();
        Seeds(two, "failingSeeds").ShouldBe(Seeds(one, "failingSeeds"));
        Seeds(two, "seedsRun").ShouldBe(Seeds(one, "seedsRun"));
    }

    [Fact]
    public void Two_shards_cover_the_whole_seed_range_without_overlap()
    {
        string[] args = ["explore", "lost-update", "--fixed", "--seed", "3", "--parallel", "2"];
        ulong[] whole = Seeds(Cli.Json([.. args, "--iterations", "200"]), "seedsRun");
        ulong[] first = Seeds(Cli.Json([.. args, "--iterations", "100", "--shard", "1/2"]), "seedsRun");
        ulong[] second = Seeds(Cli.Json([.. args, "--iterations", "100", "--shard", "2/2"]), "seedsRun");
        first.Intersect(second).ShouldBeEmpty();
        first.Concat(second).Order().ShouldBe(whole.Order());
        whole.Distinct().Count().ShouldBe(200);
    }

    private static ulong[] Seeds(JsonElement json, string property) =>
        json.GetProperty(property).EnumerateArray().Select(e => e.GetUInt64()).ToArray();
}
