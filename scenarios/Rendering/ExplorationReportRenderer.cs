using SimLoop.Exploration;
using Spectre.Console;

namespace SimLoop.Scenarios.Rendering;

/// <summary>The human-readable end of <c>explore</c>: a summary table, then the bug and how to look at it.</summary>
internal static class ExplorationReportRenderer
{
    public static void Render(IAnsiConsole console, ExplorationSummary summary)
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
        console.Write(table);

        if (summary.FirstFailure is not { } failure)
        {
            console.MarkupLine(Invariant($"[green]No bug found[/] in {result.IterationsRun} iterations (base seed {summary.Options.BaseSeed})."));
            return;
        }

        string where = failure.Iteration is { } i ? Invariant($" in iteration {i}") : "";
        console.MarkupLine(Invariant($"[red]Bug found[/]{where}: seed [bold]{failure.Seed}[/] ({Markup.Escape(failure.Strategy)})"));
        console.MarkupLine(Invariant($"  [bold]{Markup.Escape(failure.Exception.GetType().Name)}[/]: {Markup.Escape(failure.Exception.Message)}"));
        string minimal = failure.MinimizedChoices.Count == 0 ? " - FIFO order fails too: the bug needs this seed's timing, not a special interleaving" : "";
        console.MarkupLine(Invariant($"  minimised schedule: [bold]{Markup.Escape(failure.ScheduleText)}[/] ({failure.OriginalChoices.Count} decisions before, {failure.MinimizedChoices.Count} after{minimal})"));
        console.MarkupLine(Invariant($"  trace hash: {failure.Trace.Hash()} (seed run), {failure.MinimizedTrace.Hash()} (minimised run)"));
        if (summary.TraceFileForDisplay is { } file)
        {
            console.MarkupLine("  trace file: " + Markup.Escape(file));
        }

        console.MarkupLine("  replay the seed:          " + Markup.Escape(summary.SeedReplayCommand!));
        if (summary.TraceReplayCommand is { } traceReplay)
        {
            console.MarkupLine("  replay the minimised run: " + Markup.Escape(traceReplay));
        }

        console.MarkupLine("  step by step:             " + Markup.Escape(summary.SeedReplayCommand + " --verbose"));
        string picture = summary.Settings.ReplayCommand("trace", failure.Seed, null, Invariant($" --html {summary.Settings.Scenario.Name}-{failure.Seed}.html"));
        console.MarkupLine("  draw it:                  " + Markup.Escape(picture));
    }

    private static string Invariant(FormattableString text) => CommandLine.CommonOptions.Invariant(text);
}
