using System.Text.Json;
using System.Text.Json.Nodes;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>
/// Replay never crashes: every unusable input ends with exit code 1 or 2 and a message, never a stack trace or an
/// unhandled exception (issue 13, point 3; issue 11, points 6, 8 and 9).
/// </summary>
public sealed class ReplayRobustnessTests
{
    private static readonly Lazy<string> s_doubleBookingTrace = new(() => FailingTrace("double-booking"));
    private static readonly Lazy<string> s_lostUpdateTrace = new(() => FailingTrace("lost-update"));

    [Fact]
    public void Replay_fixed_of_a_failing_trace_says_where_the_fixed_path_diverges_then_that_it_passed()
    {
        (int code, string output, string error) = Cli.Run("replay", "double-booking", "--fixed", "--trace", s_doubleBookingTrace.Value);
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        string[] lines = output.Split('\n');
        lines[0].ShouldStartWith("diverged: the fixed code's path leaves the recorded one at decision ");
        lines[0].ShouldContain("the trace recorded ready tasks [");
        lines[0].ShouldEndWith("from there the run takes the recorded choices where they fit and the simplest ones elsewhere, and:");
        lines[1].ShouldStartWith("PASSED double-booking (fixed) seed ");
        output.ShouldContain("differs from the trace file's hash");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public void Replay_of_a_trace_without_fixed_follows_it_and_does_not_diverge()
    {
        (int code, string output, _) = Cli.Run("replay", "double-booking", "--trace", s_doubleBookingTrace.Value);
        code.ShouldBe(1);
        output.ShouldNotContain("diverged");
        output.ShouldStartWith("FAILED double-booking seed ");
        output.ShouldContain("matches the trace file's hash");
    }

    [Fact]
    public void Replay_of_another_scenarios_trace_is_refused_with_exit_code_2_naming_both()
    {
        (int code, string output, string error) = Cli.Run("replay", "double-booking", "--trace", s_lostUpdateTrace.Value);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("records scenario 'lost-update', not 'double-booking'; replay it with: dotnet run --project scenarios -- replay lost-update --trace ");
    }

    [Theory]
    [InlineData("decisions", "has no decisions")]
    [InlineData("choices", "has no choices")]
    [InlineData("seed", "has no seed")]
    public void A_trace_without_its_decisions_or_choices_is_refused_with_exit_code_2_never_passed(string property, string expected)
    {
        JsonObject json = JsonNode.Parse(File.ReadAllText(s_doubleBookingTrace.Value))!.AsObject();
        json.Remove(property);
        string path = Path.Combine(Cli.TempFolder(), "cut.json");
        File.WriteAllText(path, json.ToJsonString());

        (int code, string output, string error) = Cli.Run("replay", "double-booking", "--trace", path);
        code.ShouldBe(2);
        output.ShouldNotContain("PASSED");
        error.ShouldContain(expected);
    }

    [Fact]
    public void A_trace_whose_decisions_disagree_with_its_choices_is_refused()
    {
        JsonObject json = JsonNode.Parse(File.ReadAllText(s_doubleBookingTrace.Value))!.AsObject();
        json["choices"] = "v1:";
        string path = Path.Combine(Cli.TempFolder(), "edited.json");
        File.WriteAllText(path, json.ToJsonString());

        (int code, _, string error) = Cli.Run("replay", "double-booking", "--trace", path);
        code.ShouldBe(2);
        error.ShouldContain("is inconsistent");
    }

    [Theory]
    [InlineData("not json at all", "not a SimLoop trace file")]
    [InlineData("[1, 2, 3]", "not a SimLoop trace file")]
    [InlineData("", "not a SimLoop trace file")]
    public void A_file_that_is_not_a_trace_is_refused_with_exit_code_2(string content, string expected)
    {
        string path = Path.Combine(Cli.TempFolder(), "junk.json");
        File.WriteAllText(path, content);
        (int code, _, string error) = Cli.Run("replay", "double-booking", "--trace", path);
        code.ShouldBe(2);
        error.ShouldContain(expected);
        error.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void Explore_into_an_unwritable_failure_folder_still_reports_the_seed_and_the_replay_line()
    {
        // /dev/full exists and is not a folder: creating the folder fails as it would on a read-only disk, even as root.
        (int code, string output, string error) = Cli.Run("explore", "lost-update", "--failure-folder", "/dev/full");
        code.ShouldBe(1);
        output.ShouldContain("Bug found in iteration ");
        output.ShouldContain("InvariantViolationException: lost update");
        output.ShouldMatch(@"replay the seed: +dotnet run --project scenarios -- replay lost-update --seed \d+");
        output.ShouldContain("trace file: not written");
        output.ShouldNotContain("replay the minimised run");
        error.ShouldStartWith("error: cannot write the trace file /dev/full/lost-update-");
        error.ShouldContain("--failure-folder DIR");
        error.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void Explore_json_into_an_unwritable_failure_folder_gives_the_failure_and_the_error()
    {
        (int code, string output, string error) = Cli.Run("explore", "lost-update", "--failure-folder", "/dev/full", "--json");
        code.ShouldBe(1);
        JsonElement json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("failingSeeds").GetArrayLength().ShouldBe(1);
        json.GetProperty("traceFile").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("traceFileError").GetString().ShouldStartWith("cannot write the trace file");
        error.ShouldStartWith("error: cannot write the trace file");
    }

    [Fact]
    public void Trace_html_into_a_missing_folder_is_refused_and_creates_no_folder()
    {
        string missing = Path.Combine(Cli.TempFolder(), "no-such-folder");
        (int code, string output, string error) = Cli.Run("trace", "lost-update", "--seed", "1", "--html", Path.Combine(missing, "run.html"));
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: --html {Path.Combine(missing, "run.html")}: the folder {missing} does not exist; create it first or write the file elsewhere\n");
        Directory.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public void Trace_html_into_an_unwritable_file_reports_the_failure_the_replay_line_and_the_error()
    {
        (int code, string output, string error) = Cli.Run("trace", "double-booking", "--trace", s_doubleBookingTrace.Value, "--html", "/dev/full");
        code.ShouldBe(2);
        output.ShouldStartWith("FAILED double-booking seed ");
        output.ShouldContain("InvariantViolationException: double booking");
        output.ShouldContain($"replay it: dotnet run --project scenarios -- replay double-booking --trace {s_doubleBookingTrace.Value}");
        error.ShouldStartWith("error: cannot write /dev/full: ");
    }

    [Fact]
    public void Strategy_exhaustive_is_accepted()
    {
        (int code, string output, string error) = Cli.Run("explore", "double-booking", "--strategy", "exhaustive", "--iterations", "20");
        error.ShouldBeEmpty();
        code.ShouldBeOneOf(0, 1);
        output.ShouldContain("strategy exhaustive");
        output.ShouldContain("│ double-booking │ exhaustive │"); // the iterations column: up to 20 (it stops at the bug)
    }

    [Fact]
    public void An_exhaustive_failure_replays_from_its_printed_seed_command()
    {
        JsonElement found = Cli.Json("explore", "double-booking", "--strategy", "exhaustive", "--iterations", "400", "--failure-folder", Cli.TempFolder());
        string replay = found.GetProperty("replayCommand").GetString()!;
        replay.ShouldBe("dotnet run --project scenarios -- replay double-booking --seed 0 --strategy exhaustive");
        (int code, string output, _) = Cli.Run("replay", "double-booking", "--seed", "0", "--strategy", "exhaustive");
        code.ShouldBe(1);
        output.ShouldContain($"trace hash: {found.GetProperty("traceHash").GetString()}");
    }

    [Fact]
    public void Replay_with_a_non_numeric_seed_says_so_in_words()
    {
        (int code, _, string error) = Cli.Run("replay", "double-booking", "--seed", "twelve");
        code.ShouldBe(2);
        error.ShouldContain("--seed must be a whole number");
        error.ShouldNotContain("Nullable");
    }

    /// <summary>Explores <paramref name="scenario"/> and returns the trace file of its first failure.</summary>
    private static string FailingTrace(string scenario)
    {
        string folder = Cli.TempFolder();
        (int code, _, _) = Cli.Run("explore", scenario, "--failure-folder", folder);
        code.ShouldBe(1);
        return Directory.GetFiles(folder, scenario + "-*.json").Single();
    }
}
