using System.CommandLine;
using SimLoop.Scenarios.Rendering;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// <c>trace &lt;scenario&gt; (--seed S | --trace FILE) (--html FILE | --mermaid FILE)</c>: draws one run. Exit code 0
/// if the run passed, 1 if it failed, 2 for bad arguments (an output file in a folder that does not exist is refused
/// before the run, and no folder is created) or when a picture cannot be written (the outcome is printed anyway).
/// </summary>
internal sealed class TraceCommand
{
    private readonly CommonOptions _common;
    private readonly Option<string?> _html = new("--html") { Description = "Write a self-contained HTML timeline here (the folder must exist)." };
    private readonly Option<string?> _mermaid = new("--mermaid") { Description = "Write a Mermaid sequence diagram here (the folder must exist)." };

    public TraceCommand(CommonOptions common)
    {
        _common = common;
        Command = new Command("trace", "Draw one run as an HTML timeline or a Mermaid sequence diagram.");
        common.AddRunOptions(Command);
        Command.Options.Add(common.Seed);
        Command.Options.Add(common.Trace);
        Command.Options.Add(_html);
        Command.Options.Add(_mermaid);
    }

    public Command Command { get; }

    public int Execute(ParseResult parse, CommandOutput output)
    {
        RunSettings settings = _common.Settings(parse);
        string? html = parse.GetValue(_html);
        string? mermaid = parse.GetValue(_mermaid);
        if (html is null && mermaid is null)
        {
            throw new UsageException("give --html FILE or --mermaid FILE (or both)");
        }

        CheckFolder("--html", html);
        CheckFolder("--mermaid", mermaid);
        ulong? seed = parse.GetValue(_common.Seed);
        string? traceFile = parse.GetValue(_common.Trace);
        ScenarioOutcome outcome = ScenarioRunner.RunSeedOrTrace(settings, seed, traceFile);
        var timeline = TraceTimeline.From(outcome, settings.Scenario.Name, minimised: traceFile is not null); // explore writes the minimised schedule
        string? error = null;
        if (html is not null)
        {
            error ??= TryWrite(html, () => HtmlTimelineWriter.Write(timeline), output, $"({timeline.Lanes.Count} lanes, {timeline.Messages.Count} messages)");
        }

        if (mermaid is not null)
        {
            error ??= TryWrite(mermaid, () => MermaidSequenceWriter.Write(timeline), output, "");
        }

        if (error is not null)
        {
            ReplayCommand.WriteOutcome(output, settings, outcome);
            output.Line("replay it: " + settings.ReplayCommand("replay", traceFile is null ? outcome.Seed : null, traceFile));
            output.Error.WriteLine($"error: {error}");
            return CommandLineApp.BadArguments;
        }

        return outcome.Failed ? CommandLineApp.BugFound : CommandLineApp.Passed;
    }

    private static void CheckFolder(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0 || Directory.Exists(path))
        {
            throw new UsageException($"{option} needs a file name; got '{path}'");
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"{option} {path}: the folder {folder} does not exist; create it first or write the file elsewhere");
        }
    }

    private static string? TryWrite(string path, Func<string> text, CommandOutput output, string details)
    {
        try
        {
            File.WriteAllText(path, text());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot write {path}: {ex.Message}";
        }

        output.Line($"wrote {path}{(details.Length > 0 ? " " + details : "")}");
        return null;
    }
}
