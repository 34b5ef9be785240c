using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SimLoop.Benchmarks;

/// <summary>
/// Microsoft.Coyote 1.7.11 on the README's check-then-act bug (bench/CoyoteBench), against SimLoop exploring the same
/// program: wall milliseconds per explored iteration of the fixed version (no bug, so every iteration runs). Coyote
/// targets net8.0 at newest; here it runs on .NET 10 by <c>DOTNET_ROLL_FORWARD=Major</c>. Each external step (tool
/// install, build, rewrite, test) is a child process bounded in real time; a failure is reported, not thrown.
/// </summary>
internal static partial class CoyoteComparison
{
    private const int Iterations = 500;
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;
    private static readonly Dictionary<string, string> s_rollForward = new() { ["DOTNET_ROLL_FORWARD"] = "Major", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

    public static IEnumerable<RatiosMode.Row> Measure(int rounds)
    {
        string root = ChildProcess.RepositoryRoot();
        string toolFolder = Path.Combine(Path.GetTempPath(), "simloop-bench-coyote-tool");
        string tool = Path.Combine(toolFolder, "coyote");
        string output = Path.Combine(Path.GetTempPath(), $"simloop-bench-coyote-{Environment.ProcessId}");
        try
        {
            if (!File.Exists(tool))
            {
                Step("dotnet", ["tool", "install", "Microsoft.Coyote.CLI", "--version", "1.7.11", "--tool-path", toolFolder], 300);
            }

            Step("dotnet", ["build", "-c", "Release", Path.Combine(root, "bench", "CoyoteBench", "CoyoteBench.csproj"), "-o", output], 300);
            string assembly = Path.Combine(output, "CoyoteBench.dll");
            Step(tool, ["rewrite", assembly], 120);

            var coyote = new List<double>();
            var ours = new List<double>();
            int coyoteFound = 0;
            for (int r = 0; r < Math.Min(rounds, 3); r++)
            {
                coyote.Add(CoyoteMsPerIteration(tool, assembly, output));
                ours.Add(SimLoopMsPerIteration());
            }

            ChildProcess.Outcome buggy = ChildProcess.Run(tool, ["test", assembly, "-m", "Buggy", "-i", "1000"], TimeSpan.FromSeconds(120), output, s_rollForward);
            Match found = FoundAt().Match(buggy.Stdout);
            coyoteFound = found.Success ? int.Parse(found.Groups[1].Value, s_inv) : -1;
            long simLoopFound = SimLoopIterationsToFind();

            return
            [
                RatiosMode.Row.Single("coyoteIterationMs", $"Coyote 1.7.11 `coyote test`, check-then-act (fixed), wall ms per iteration ({Iterations} iterations, its own Elapsed)", coyote, "", null),
                RatiosMode.Row.Single("simLoopCheckThenActIterationMs", "SimLoop explore, the same program, wall ms per iteration", ours, "", null),
                RatiosMode.Row.Ratio("vsCoyotePerIteration", "Coyote ms per iteration / SimLoop's", coyote, ours, "", null),
                RatiosMode.Row.Single("coyoteIterationsToBug", "Coyote: iteration that found the bug (buggy version, default strategy)", [coyoteFound], "", null),
                RatiosMode.Row.Single("simLoopIterationsToBug", "SimLoop: iteration that found the bug (portfolio, default options)", [simLoopFound], "", null),
            ];
        }
        catch (InvalidOperationException ex)
        {
            return [RatiosMode.Row.Missing("vsCoyotePerIteration", "Coyote on the check-then-act bug", "", ex.Message)];
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static void Step(string file, IReadOnlyList<string> arguments, int seconds)
    {
        ChildProcess.Outcome outcome = ChildProcess.Run(file, arguments, TimeSpan.FromSeconds(seconds), environment: s_rollForward);
        if (!outcome.Ok)
        {
            throw new InvalidOperationException(outcome.Error);
        }
    }

    private static double CoyoteMsPerIteration(string tool, string assembly, string output)
    {
        ChildProcess.Outcome run = ChildProcess.Run(tool, ["test", assembly, "-m", "Fixed", "-i", Iterations.ToString(s_inv)], TimeSpan.FromSeconds(300), output, s_rollForward);
        Match explored = Explored().Match(run.Stdout);
        MatchCollection elapsed = Elapsed().Matches(run.Stdout);
        if (!run.Ok || !explored.Success || elapsed.Count == 0 || run.Stdout.Contains("uncontrolled invocation", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"coyote test gave no usable reading: {run.Error} {Tail(run.Stdout)}");
        }

        double seconds = double.Parse(elapsed[^1].Groups[1].Value, s_inv);
        return seconds * 1000 / int.Parse(explored.Groups[1].Value, s_inv);
    }

    private static double SimLoopMsPerIteration()
    {
        GC.Collect();
        long start = Stopwatch.GetTimestamp();
        Exploration.ExplorationResult result = Simulation.Explore((loop, ct) => CheckThenAct(loop, fixedVersion: true, ct), RatioMeasurements.Quiet(Iterations, new SimulationOptions(), workers: 1));
        RatioMeasurements.Expect(result.Passed, "the fixed check-then-act program failed under SimLoop");
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / result.IterationsRun;
    }

    private static long SimLoopIterationsToFind()
    {
        var options = RatioMeasurements.Quiet(1000, new SimulationOptions(), workers: 1);
        options.Strategy = Exploration.ExplorationStrategy.Portfolio;
        options.ThrowOnFailure = false;
        Exploration.ExplorationResult result = Simulation.Explore((loop, ct) => CheckThenAct(loop, fixedVersion: false, ct), options);
        return result.Passed ? -1 : result.IterationsRun;
    }

    /// <summary>The same program as bench/CoyoteBench/TwoWithdrawals.cs, on the loop.</summary>
    internal static async Task CheckThenAct(SimulatedEventLoop loop, bool fixedVersion, CancellationToken ct)
    {
        int balance = 100;
        async Task Withdraw(int amount)
        {
            await Task.Yield();
            if (balance < amount)
            {
                return; // check
            }

            if (fixedVersion)
            {
                balance -= amount;
                await Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, ct);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, ct); // the ledger call
            balance -= amount; // act
        }

        LoopTask first = loop.CreateTask(_ => Withdraw(80));
        LoopTask second = loop.CreateTask(_ => Withdraw(70));
        await first;
        await second;
        if (balance < 0)
        {
            throw new InvalidOperationException($"overdrawn: balance is {balance}");
        }
    }

    private static string Tail(string text) => text.Length > 300 ? text[^300..] : text;

    [GeneratedRegex(@"Explored (\d+) execution path")]
    private static partial Regex Explored();

    [GeneratedRegex(@"Elapsed ([0-9.]+) sec")]
    private static partial Regex Elapsed();

    [GeneratedRegex(@"Iteration #(\d+) found bug")]
    private static partial Regex FoundAt();
}
