namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>Bad arguments: one line on stderr, exit code 2, nothing run.</summary>
public sealed class ArgumentTests
{
    [Theory]
    [InlineData("unknown scenario 'no-such-scenario'", "explore", "no-such-scenario")]
    [InlineData("--iterations must be at least 1", "explore", "lost-update", "--iterations", "0")]
    [InlineData("--shard must be I/N", "explore", "lost-update", "--shard", "3/2")]
    [InlineData("--shard must be I/N", "explore", "lost-update", "--shard", "two")]
    [InlineData("unknown strategy 'greedy'", "explore", "lost-update", "--strategy", "greedy")]
    [InlineData("trace file not found", "replay", "lost-update", "--trace", "/no/such/trace.json")]
    [InlineData("give exactly one of --seed S or --trace FILE", "replay", "lost-update")]
    [InlineData("give --html FILE or --mermaid FILE", "trace", "lost-update", "--seed", "1")]
    [InlineData("assembly not found", "list", "--assembly", "/no/such.dll")]
    [InlineData("error:", "explore", "lost-update", "--iterations", "many")]
    [InlineData("error:", "frobnicate")]
    public void A_bad_argument_gives_one_line_and_exit_code_2(string expected, params string[] args)
    {
        (int code, string output, string error) = Cli.Run(args);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain(expected);
        error.TrimEnd().Split('\n').Length.ShouldBe(1, error);
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
    }

    [Fact]
    public void List_reads_scenarios_from_another_assembly()
    {
        (int code, string output, _) = Cli.Run("list", "--assembly", typeof(SimLoop.Scenarios.CommandLine.CommandLineApp).Assembly.Location);
        code.ShouldBe(0);
        output.ShouldContain("lost-update");
    }
}
