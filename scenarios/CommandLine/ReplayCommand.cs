using System.CommandLine;
using SimLoop.Scenarios.Rendering;
using Spectre.Console;

namespace SimLoop.Scenarios.CommandLine;

/// <summary><c>replay &lt;scenario&gt; (--seed S | --trace FILE)</c>: one schedule, its outcome and trace hash.</summary>
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

        IAnsiConsole console = output.Console;
        string hash = outcome.Trace.Hash();
        if (outcome.Failure is { } failure)
        {
            console.MarkupLine(CommonOptions.Invariant($"[red]FAILED[/] {Markup.Escape(settings.Scenario.Name)} seed {outcome.Seed}: [bold]{Markup.Escape(failure.GetType().Name)}[/]: {Markup.Escape(failure.Message)}"));
        }
        else
        {
            console.MarkupLine(CommonOptions.Invariant($"[green]PASSED[/] {Markup.Escape(settings.Scenario.Name)} seed {outcome.Seed}"));
        }

        console.MarkupLine(CommonOptions.Invariant($"trace hash: {hash}  ({outcome.Trace.Entries.Count} entries, {outcome.Trace.Decisions.Count} decisions)"));
        if (outcome.RecordedHash is { } recorded)
        {
            console.MarkupLine(recorded == hash ? "matches the trace file's hash" : CommonOptions.Invariant($"[yellow]differs from the trace file's hash {recorded}[/]"));
        }

        return outcome.Failed ? 1 : 0;
    }
}
