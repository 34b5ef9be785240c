namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>Bad arguments: one line on stderr that says what is wrong in words, exit code 2, nothing run.</summary>
public sealed class ArgumentTests
{
    [Theory]
    [InlineData("unknown scenario 'no-such-scenario'", "explore", "no-such-scenario")]
    [InlineData("--iterations must be at least 1 (it is 0)", "explore", "lost-update", "--iterations", "0")]
    [InlineData("--iterations must be a whole number; got 'many'", "explore", "lost-update", "--iterations", "many")]
    [InlineData("--iterations must be at most 2147483647; got '99999999999'", "explore", "lost-update", "--iterations", "99999999999")]
    [InlineData("--parallel must be at least 1 (it is 0)", "explore", "lost-update", "--parallel", "0")]
    [InlineData("--parallel must be at most 1024; got '5000'", "explore", "lost-update", "--parallel", "5000")]
    [InlineData("--depth must be at least 1 (it is 0)", "explore", "lost-update", "--depth", "0")]
    [InlineData("--max-steps must be positive", "explore", "lost-update", "--max-steps", "-5")]
    [InlineData("--max-time must be a number of seconds, at most 31536000 (one year); got 'Infinity'", "explore", "lost-update", "--max-time", "Infinity")]
    [InlineData("--max-time must be a number of seconds", "explore", "lost-update", "--max-time", "NaN")]
    [InlineData("--max-time must be a number of seconds", "explore", "lost-update", "--max-time", "1e300")]
    [InlineData("--max-time must be positive", "replay", "lost-update", "--seed", "1", "--max-time", "0")]
    [InlineData("--max-time must be positive", "explore", "lost-update", "--max-time", "-2")]
    [InlineData("--shard must be I/N", "explore", "lost-update", "--shard", "3/2")]
    [InlineData("--shard must be I/N", "explore", "lost-update", "--shard", "two")]
    [InlineData("unknown strategy 'greedy'; use fifo, random, pct, portfolio, swarm or exhaustive", "explore", "lost-update", "--strategy", "greedy")]
    [InlineData("trace file not found", "replay", "lost-update", "--trace", "/no/such/trace.json")]
    [InlineData("give exactly one of --seed S or --trace FILE", "replay", "lost-update")]
    [InlineData("give --html FILE or --mermaid FILE", "trace", "lost-update", "--seed", "1")]
    [InlineData("assembly not found", "list", "--assembly", "/no/such.dll")]
    [InlineData("explore needs a scenario name: dotnet run --project scenarios -- explore <scenario>", "explore")]
    [InlineData("Unrecognized command or argument '--frobnicate'", "explore", "lost-update", "--frobnicate")]
    public void A_bad_argument_gives_one_line_and_exit_code_2(string expected, params string[] args)
    {
        (int code, string output, string error) = Cli.Run(args);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain(expected);
        error.TrimEnd().Split('\n').Length.ShouldBe(1, error);
        error.ShouldNotContain("System.");
    }

    [Fact]
    public void Several_bad_settings_are_reported_at_once_on_one_line_naming_each_option()
    {
        (int code, string output, string error) = Cli.Run("explore", "lost-update", "--iterations", "0", "--depth", "-1", "--parallel", "0", "--max-steps", "0", "--max-time", "0");

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe("error: --iterations must be at least 1 (it is 0); --depth must be at least 1 (it is -1); --parallel must be at least 1 (it is 0); "
            + "--max-steps must be positive, or null for no bound (it is 0); --max-time must be positive, or null for no bound (it is 00:00:00)\n");
    }

    [Fact]
    public void A_bad_bound_when_replaying_a_trace_file_is_reported_by_the_options_validation()
    {
        (int code, _, string error) = Cli.Run("replay", "lost-update", "--trace", ReplayTraceFile(), "--max-steps", "0");

        code.ShouldBe(2);
        error.ShouldStartWith("error: --max-steps must be positive");
    }

    private static string ReplayTraceFile()
    {
        string folder = Cli.TempFolder();
        Cli.Run("explore", "lost-update", "--iterations", "50", "--parallel", "1", "--failure-folder", folder);
        return Directory.GetFiles(folder, "*.json").First();
    }

    [Theory]
    [InlineData("--seed", "abc")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "18446744073709551616")]
    public void A_seed_that_is_not_a_whole_number_is_named_in_words_not_as_a_type(string option, string value)
    {
        (int code, _, string error) = Cli.Run("replay", "lost-update", option, value);
        code.ShouldBe(2);
        error.ShouldBe($"error: --seed must be a whole number from 0 to 18446744073709551615 (a seed as printed by explore); got '{value}'\n");
    }

    [Fact]
    public void An_unknown_command_lists_the_commands()
    {
        (int code, string output, string error) = Cli.Run("frobnicate", "lost-update");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe("error: unknown command 'frobnicate'; the commands are list, explore, replay, trace, merge (try: dotnet run --project scenarios -- --help)\n");
    }

    [Fact]
    public void No_command_lists_the_commands()
    {
        (int code, _, string error) = Cli.Run();
        code.ShouldBe(2);
        error.ShouldBe("error: no command given; the commands are list, explore, replay, trace, merge (try: dotnet run --project scenarios -- list, or dotnet run --project scenarios -- --help)\n");
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        (int code, string output, _) = Cli.Run("--help");
        code.ShouldBe(0);
        foreach (string command in new[] { "list", "explore", "replay", "trace", "merge" })
        {
            output.ShouldContain(command);
        }
    }

    [Fact]
    public void List_names_every_scenario_with_its_budget()
    {
        (int code, string output, _) = Cli.Run("list");
        code.ShouldBe(0);
        foreach (string name in new[] { "lost-update", "kv-replication", "leader-election", "chat-server", "retry-duplicate", "async-deadlock", "double-booking" })
        {
            output.ShouldContain(name);
        }

        output.ShouldContain("Try: dotnet run --project scenarios -- explore lost-update");
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_refused_with_exit_code_2()
    {
        string path = Path.Combine(Cli.TempFolder(), "NotAnAssembly.dll");
        File.WriteAllText(path, "this is text");
        (int code, string output, string error) = Cli.Run("explore", "overdraft", "--assembly", path);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"error: cannot load scenarios from {path}: ");
        error.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void An_assembly_without_scenarios_is_refused_with_exit_code_2()
    {
        string path = typeof(ArgumentTests).Assembly.Location;
        (int code, string output, string error) = Cli.Run("list", "--assembly", path);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: {path} has no [Scenario] methods (static Task M(ScenarioContext, CancellationToken) marked [Scenario(\"name\")]); rebuild it if you just added one\n");
    }

    [Fact]
    public void List_reads_scenarios_from_another_assembly()
    {
        string path = typeof(SimLoop.Scenarios.CommandLine.CommandLineApp).Assembly.Location;
        (int code, string output, _) = Cli.Run("list", "--assembly", path);
        code.ShouldBe(0);
        output.ShouldContain("lost-update");
        output.ShouldContain($"explore lost-update --assembly {path}");
    }
}
