using System.CommandLine;
using SimLoop.Scenarios.Rendering;

namespace SimLoop.Scenarios.CommandLine;

/// <summary><c>trace &lt;scenario&gt; (--seed S | --trace FILE) (--html FILE | --mermaid FILE)</c>: draws one run.</summary>
internal sealed class TraceCommand
{
    private readonly CommonOptions _common;
    private readonly Option<string?> _html = new("--html") { Description = "Write a self-contained HTML timeline here." };
    private readonly Option<string?> _mermaid = new("--mermaid") { Description = "Write a Mermaid sequence diagram here." };

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

        ScenarioOutcome outcome = ScenarioRunner.RunSeedOrTrace(settings, parse.GetValue(_common.Seed), parse.GetValue(_common.Trace));
        var timeline = TraceTimeline.From(outcome, settings.Scenario.Name);
        if (html is not null)
        {
            WriteFile(html, HtmlTimelineWriter.Write(timeline));
            output.Out.WriteLine($"wrote {html} ({timeline.Lanes.Count} lanes, {timeline.Messages.Count} messages)");
        }

        if (mermaid is not null)
        {
            WriteFile(mermaid, MermaidSequenceWriter.Write(timeline));
            output.Out.WriteLine($"wrote {mermaid}");
        }

        return outcome.Failed ? 1 : 0;
    }

    private static void WriteFile(string path, string text)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text);
    }
}
