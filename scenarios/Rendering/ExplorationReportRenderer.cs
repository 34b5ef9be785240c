using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;
using Spectre.Console;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// The human-readable end of <c>explore</c>: a summary table, then the bug and how to look at it. Every line after the
/// table is written unwrapped (<see cref="CommandOutput.Line"/>) so that printed commands paste at any width.
/// Iterations are numbered from 1, in seed order within the shard.
/// </summary>
internal static class ExplorationReportRenderer
{
    public static void Render(CommandOutput output, ExplorationSummary summary)
    {
        ExplorationResult result = summary.Result;
        double wall = Math.Max(summary.Tracker.Elapsed.TotalSeconds, 1e-3);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("scenario").AddColumn("strategy").AddColumn("iterations")
            .AddColumn("failures").AddColumn("steps").AddColumn("simulated").AddColumn("wall").AddColumn("it/s");
        table.AddRow(
            Markup.Escape(summary.Settings.Scenario.Name + (summary.Settings.Fixed ? " (fixed)" : "")),
            summary.Options.Strategy.ToString().ToLowerInvariant(),
            Invariant($"{result.IterationsRun}"),
            result.Passed ? "[green]0[/]" : Invariant($"[red]{result.Failures.Count}[/]"),
            Invariant($"{result.Steps:N0}"),
            Invariant($"{result.SimulatedTime.TotalSeconds:F1} s"),
            Invariant($"{wall:F2} s"),
            Invariant($"{result.IterationsRun / wall:F0}"));
        output.Console.Write(table);
        ExplorationCoverage coverage = result.Coverage;
        string saturated = coverage.NewInLastWindow == 0 && result.IterationsRun > 1 ? ": more iterations of this strategy stopped finding new ones" : "";
        output.Line(Invariant($"Coverage: {coverage.DistinctBehaviours} distinct behaviours in {result.IterationsRun} iterations, {coverage.NewInLastWindow} new in the last {coverage.Window}{saturated}."));

        if (summary.FirstFailure is not { } failure)
        {
            output.Line(Invariant($"{output.Paint("No bug found", "32")} in {result.IterationsRun} iterations (base seed {summary.Options.BaseSeed})."));
            return;
        }

        output.Line(Invariant($"{output.Paint("Bug found", "31")}{summary.Where(failure)}: seed {output.Paint(Invariant($"{failure.Seed}"), "1")} ({failure.Strategy})"));
        output.Line(Invariant($"  {output.Paint(failure.Exception.GetType().Name, "1")}: {failure.Exception.Message}"));
        string minimal = failure.MinimizedChoices.Count == 0 ? " - FIFO order fails too: the bug needs this seed's timing, not a special interleaving" : "";
        output.Line(Invariant($"  minimised schedule: {failure.ScheduleText} ({failure.OriginalChoices.Count} decisions before, {failure.MinimizedChoices.Count} after{minimal})"));
        output.Line(Invariant($"  minimised choices: {failure.MinimizedChoiceSequence.Count} of {failure.OriginalChoiceCount} (scheduler picks and random draws); the bug needs {failure.Needs}"));
        output.Line("  the minimal run: " + (failure.MinimizedContents.Count == 0 ? "every choice at its simplest" : string.Join("; ", failure.MinimizedContents)));
        output.Line(Invariant($"  trace hash: {failure.Trace.Hash()} (seed run), {failure.MinimizedTrace.Hash()} (minimised run)"));
        if (summary.TraceFileForDisplay is { } file)
        {
            output.Line("  trace file: " + file);
        }
        else if (summary.Files.Error is not null)
        {
            output.Line("  trace file: not written (see the error below); the seed replays the run");
        }

        output.Line("  replay the seed:          " + summary.SeedReplayCommand);
        if (summary.TraceReplayCommand is { } traceReplay)
        {
            output.Line("  replay the minimised run: " + traceReplay);
        }

        output.Line("  step by step:             " + summary.SeedReplayCommand + " --verbose");
        string picture = summary.Settings.ReplayCommand("trace", failure.Seed, null, Invariant($" --html {summary.Settings.Scenario.Name}-{failure.Seed}.html"));
        output.Line("  draw it:                  " + picture);

        if (result.Failures.Count > 1)
        {
            output.Line(Invariant($"Every failing seed ({result.Failures.Count}); replay any with: {summary.Settings.ReplayCommand("replay", 0, null).Replace(" --seed 0", " --seed SEED", StringComparison.Ordinal)}"));
            foreach (FailureReport other in result.Failures)
            {
                output.Line(Invariant($"  seed {other.Seed}{summary.Where(other)}: {other.Exception.GetType().Name}: {OneLine(other.Exception.Message)}"));
            }
        }
    }

    /// <summary>The first line of a message (a deadlock report lists its tasks on further lines).</summary>
    private static string OneLine(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline].TrimEnd('\r') + " ...";
    }

    private static string Invariant(FormattableString text) => CommonOptions.Invariant(text);
}
