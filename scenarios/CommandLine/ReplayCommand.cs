using System.CommandLine;
using SimLoop.Scenarios.Rendering;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// <c>replay &lt;scenario&gt; (--seed S | --trace FILE)</c>: one schedule, its outcome and trace hash. Exit code 0 if
/// the run passed, 1 if it failed, 2 for bad arguments or an unusable trace file. A trace file whose decisions the
/// program no longer makes (changed code, or <c>--fixed</c>) is replayed up to the first decision or choice that
/// differs, which is printed, and from there with the recorded choices where they fit and the simplest ones
/// elsewhere; the exit code is that run's outcome. A trace file replays from its choices alone (no seed).
/// </summary>
internal sealed class ReplayCommand
{
    private readonly CommonOptions _common;
    private readonly Option<bool> _verbose = new("--verbose") { Description = "Print the interleaving step by step." };

    public ReplayCommand(CommonOptions common)
    {
        _common = common;
        Command = new Command("replay", "Run one seed, or replay a trace file, and print the outcome and the trace hash.");
        common.AddRunOptions(Command);
        Command.Options.Add(common.Seed);
        Command.Options.Add(common.Trace);
        Command.Options.Add(_verbose);
    }

    public Command Command { get; }

    public int Execute(ParseResult parse, CommandOutput output)
    {
        RunSettings settings = _common.Settings(parse);
        ScenarioOutcome outcome = ScenarioRunner.RunSeedOrTrace(settings, parse.GetValue(_common.Seed), parse.GetValue(_common.Trace));
        if (parse.GetValue(_verbose))
        {
            StepByStepWriter.Write(output.Out, outcome);
        }

        WriteOutcome(output, settings, outcome);
        string hash = outcome.Trace.Hash();
        output.Line(CommonOptions.Invariant($"trace hash: {hash}  ({outcome.Trace.Entries.Count} entries, {outcome.Trace.Decisions.Count} decisions)"));
        if (outcome.RecordedHash is { } recorded)
        {
            output.Line(recorded == hash ? "matches the trace file's hash" : output.Paint(CommonOptions.Invariant($"differs from the trace file's hash {recorded}"), "33"));
        }

        return outcome.Failed ? CommandLineApp.BugFound : CommandLineApp.Passed;
    }

    /// <summary>Where the run left the trace (if it did), then PASSED or FAILED with the exception.</summary>
    public static void WriteOutcome(CommandOutput output, RunSettings settings, ScenarioOutcome outcome)
    {
        if (outcome.Divergence is { } divergence)
        {
            string who = settings.Fixed ? "the fixed code's path leaves the recorded one" : "this run leaves the recorded one (the code changed since the trace was written)";
            output.Line(output.Paint("diverged", "33") + $": {who} at {divergence.Describe()}; from there the run takes the recorded choices where they fit and the simplest ones elsewhere, and:");
        }

        string name = settings.Scenario.Name + (settings.Fixed ? " (fixed)" : "");
        output.Line(outcome.Failure is { } failure
            ? CommonOptions.Invariant($"{output.Paint("FAILED", "31")} {name} seed {outcome.Seed}: {output.Paint(failure.GetType().Name, "1")}: {failure.Message}")
            : CommonOptions.Invariant($"{output.Paint("PASSED", "32")} {name} seed {outcome.Seed}"));
    }
}
