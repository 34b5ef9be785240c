using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>Reports that paste: printed commands on one line at any width, every failing seed, iterations from 1.</summary>
public sealed partial class ReportTests
{
    private const string Socket = "simloop-tests";

    private static readonly string[] s_commandLabels = ["replay the seed:", "replay the minimised run:", "step by step:", "draw it:"];

    [Theory]
    [InlineData(true, 80)]
    [InlineData(true, 40)]
    [InlineData(false, null)]
    public void Printed_commands_never_wrap_on_a_narrow_terminal_or_when_piped(bool isTerminal, int? width)
    {
        // A long --assembly path makes every command longer than the redirected width (160) too.
        string assembly = typeof(CommandLineApp).Assembly.Location;
        string folder = Cli.TempFolder();
        (int code, string output, _) = Cli.RunAs(Invocation.RepositoryRoot, isTerminal, width, "explore", "double-booking", "--failure-folder", folder, "--assembly", assembly);
        code.ShouldBe(1);
        AssertCommandsOnOneLine(StripAnsi(output), "dotnet run --project scenarios -- ", "double-booking", assembly);
    }

    [Fact]
    public void Printed_commands_never_wrap_through_a_real_pipe()
    {
        string assembly = typeof(CommandLineApp).Assembly.Location;
        string folder = Cli.TempFolder();
        (int code, string output, _) = Cli.RunProcessIn(folder, "explore", "double-booking", "--assembly", assembly);
        code.ShouldBe(1);
        output.ShouldNotContain("\u001b[");
        AssertCommandsOnOneLine(output, $"dotnet {Cli.ScenariosDll()} ", "double-booking", assembly);
    }

    [Fact]
    public void Printed_commands_never_wrap_in_a_real_80_column_terminal()
    {
        if (!File.Exists("/usr/bin/tmux") && !File.Exists("/usr/local/bin/tmux"))
        {
            Assert.Skip("tmux is not installed (.ci/setup installs it); the 80-column terminal is not tried.");
        }

        string folder = Cli.TempFolder();
        string session = "simloop-" + Guid.NewGuid().ToString("N")[..8];
        string log = Path.Combine(folder, "exit-code");
        string command = $"cd {folder} && dotnet {Cli.ScenariosDll()} explore double-booking; echo $? > {log}; tmux -L {Socket} wait-for -S {session}; sleep 600";
        try
        {
            Tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "60", command);
            Tmux("wait-for", session);
            string screen = Tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session);
            File.ReadAllText(log).Trim().ShouldBe("1");
            screen.ShouldContain("╭"); // the table was drawn for the terminal
            AssertCommandsOnOneLine(screen, $"dotnet {Cli.ScenariosDll()} ", "double-booking", null);
        }
        finally
        {
            try
            {
                Tmux("kill-session", "-t", session);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
    }

    [Fact]
    public void Keep_going_lists_every_failing_seed_in_the_text_report()
    {
        string[] args = ["explore", "async-deadlock", "--iterations", "150", "--keep-going", "--seed", "7", "--parallel", "2", "--failure-folder", Cli.TempFolder()];
        JsonElement json = Cli.Json(args);
        ulong[] failing = json.GetProperty("failingSeeds").EnumerateArray().Select(e => e.GetUInt64()).ToArray();
        failing.Length.ShouldBeGreaterThan(1);

        (int code, string output, _) = Cli.Run(args);
        code.ShouldBe(1);
        output.ShouldContain($"Every failing seed ({failing.Length}); replay any with: dotnet run --project scenarios -- replay async-deadlock --seed SEED");
        ulong[] listed = SeedLine().Matches(output).Select(m => ulong.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        listed.ShouldBe(failing);
    }

    [Fact]
    public void Iteration_numbers_match_between_the_progress_line_and_the_report()
    {
        string[] args = ["explore", "lost-update", "--parallel", "1", "--failure-folder", Cli.TempFolder()];
        (int code, string output, _) = Cli.Run(args);
        code.ShouldBe(1);
        Match report = Regex.Match(output, @"Bug found in iteration (\d+) of 200: seed (\d+)");
        report.Success.ShouldBeTrue(output);
        Match progress = Regex.Match(output, @"(\d+)/200 iterations, .*failures: 1");
        progress.Success.ShouldBeTrue(output);
        progress.Groups[1].Value.ShouldBe(report.Groups[1].Value, "one thread: the first failure is seen when iteration K of 200 is done, and the report calls it iteration K");

        JsonElement json = Cli.Json(args);
        json.GetProperty("failingIterations")[0].GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(report.Groups[1].Value);
        json.GetProperty("failingSeeds")[0].GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(report.Groups[2].Value);
    }

    private static void AssertCommandsOnOneLine(string output, string prefix, string scenario, string? assembly)
    {
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToArray();
        foreach (string label in s_commandLabels)
        {
            string line = lines.SingleOrDefault(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal)) ?? throw new ShouldAssertException($"no '{label}' line in:\n{output}");
            string command = line.TrimStart()[label.Length..].Trim();
            command.ShouldStartWith(prefix + (label == "draw it:" ? "trace " : "replay ") + scenario);
            if (assembly is not null)
            {
                command.ShouldEndWith(label switch
                {
                    "step by step:" => $"--assembly {assembly} --verbose",
                    "draw it:" => ".html",
                    _ => $"--assembly {assembly}",
                });
            }
            else
            {
                command.ShouldMatch(label switch
                {
                    "replay the minimised run:" => @"--trace simloop-failures/double-booking-\d+\.json$",
                    "step by step:" => @"--seed \d+ --verbose$",
                    "draw it:" => @"--html double-booking-\d+\.html$",
                    _ => @"--seed \d+$",
                });
            }
        }
    }

    private static string StripAnsi(string text) => Ansi().Replace(text, "");

    private static string Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(Socket); // a server of its own: never a user's tmux sessions
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tmux {string.Join(' ', args)} did not finish within 2 minutes");
        }

        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"tmux {args[0]} failed: {error.Result}");
    }

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^  seed (\d+) in iteration \d+ of 150: ", RegexOptions.Multiline)]
    private static partial Regex SeedLine();
}
