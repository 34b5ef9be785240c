using System.Text.Json;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>explore --shard auto: the shard from a Kubernetes Indexed Job or a Slurm array, and the errors.</summary>
public sealed class ShardSelectionTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void Resolve_kubernetes_index_with_shard_count_gives_that_zero_based_shard()
    {
        ShardSelection.Resolve("auto", 4, Environment((ShardSelection.KubernetesIndex, "2"))).ShouldBe((2, 4));
    }

    [Fact]
    public void Resolve_slurm_array_takes_index_and_count_from_the_engine()
    {
        ShardSelection.Resolve("auto", null, Environment((ShardSelection.SlurmTaskId, "1"), (ShardSelection.SlurmTaskCount, "3"))).ShouldBe((1, 3));
    }

    [Fact]
    public void Resolve_slurm_array_starting_at_one_counts_from_its_minimum()
    {
        var environment = Environment((ShardSelection.SlurmTaskId, "1"), (ShardSelection.SlurmTaskMin, "1"), (ShardSelection.SlurmTaskCount, "4"));
        ShardSelection.Resolve("auto", null, environment).ShouldBe((0, 4));
    }

    [Fact]
    public void Resolve_explicit_shard_ignores_the_environment()
    {
        ShardSelection.Resolve("2/3", null, Environment((ShardSelection.KubernetesIndex, "0"))).ShouldBe((1, 3));
    }

    [Theory]
    [InlineData("", "", "", null, "neither is set")]
    [InlineData("1", "", "", null, "add --shard-count N")]
    [InlineData("4", "", "", 4L, "shard index 4 (from JOB_COMPLETION_INDEX) is outside 0..3")]
    [InlineData("-1", "", "", 4L, "JOB_COMPLETION_INDEX must be a whole number")]
    [InlineData("x", "", "", 4L, "JOB_COMPLETION_INDEX must be a whole number")]
    [InlineData("", "5", "3", null, "shard index 5 (from SLURM_ARRAY_TASK_ID) is outside 0..2")]
    [InlineData("", "1", "3", 4L, "--shard-count 4 disagrees with SLURM_ARRAY_TASK_COUNT=3")]
    [InlineData("0", "0", "", 2L, "found both")]
    public void Resolve_auto_without_a_usable_engine_variable_says_what_to_fix(string kubernetes, string slurm, string slurmCount, long? shardCount, string expected)
    {
        var variables = new List<(string, string)>();
        AddIfSet(variables, ShardSelection.KubernetesIndex, kubernetes);
        AddIfSet(variables, ShardSelection.SlurmTaskId, slurm);
        AddIfSet(variables, ShardSelection.SlurmTaskCount, slurmCount);
        Should.Throw<UsageException>(() => ShardSelection.Resolve("auto", shardCount, Environment([.. variables]))).Message.ShouldContain(expected);
    }

    [Fact]
    public void Resolve_shard_count_without_auto_is_refused()
    {
        Should.Throw<UsageException>(() => ShardSelection.Resolve("1/2", 2, Environment())).Message.ShouldContain("--shard-count N goes with --shard auto");
    }

    [Fact]
    public void Explore_shard_auto_runs_the_seeds_of_the_same_explicit_shard()
    {
        string[] args = ["explore", "lost-update", "--fixed", "--iterations", "30", "--seed", "5", "--parallel", "1", "--json"];
        JsonElement auto = Json(Environment((ShardSelection.KubernetesIndex, "2")), [.. args, "--shard", "auto", "--shard-count", "4"]);
        JsonElement given = Cli.Json([.. args[..^1], "--shard", "3/4"]);
        auto.GetProperty("shard").GetString().ShouldBe("3/4");
        Seeds(auto).ShouldBe(Seeds(given));
    }

    [Fact]
    public void Explore_shard_auto_with_no_engine_variable_exits_2_with_one_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLineApp.Run(["explore", "lost-update", "--shard", "auto"], output, error, false, Invocation.RepositoryRoot, null, Environment());
        code.ShouldBe(CommandLineApp.BadArguments);
        error.ToString().Trim().ShouldStartWith("error: --shard auto needs JOB_COMPLETION_INDEX");
        error.ToString().Trim().Split('\n').Length.ShouldBe(1);
    }

    private static void AddIfSet(List<(string, string)> variables, string name, string value)
    {
        if (value.Length > 0)
        {
            variables.Add((name, value));
        }
    }

    private static JsonElement Json(Func<string, string?> environment, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        CommandLineApp.Run(args, output, error, false, Invocation.RepositoryRoot, null, environment);
        error.ToString().ShouldBeEmpty();
        return JsonDocument.Parse(output.ToString()).RootElement;
    }

    private static ulong[] Seeds(JsonElement json) => json.GetProperty("seedsRun").EnumerateArray().Select(e => e.GetUInt64()).ToArray();
}
