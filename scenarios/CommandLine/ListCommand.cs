using System.CommandLine;
using Spectre.Console;

namespace SimLoop.Scenarios.CommandLine;

/// <summary><c>list</c>: the scenarios, one line each.</summary>
internal sealed class ListCommand
{
    private readonly CommonOptions _common;

    public ListCommand(CommonOptions common)
    {
        _common = common;
        Command = new Command("list", "List the scenarios.");
        Command.Options.Add(common.Assembly);
    }

    public Command Command { get; }

    public int Execute(ParseResult parse, CommandOutput output)
    {
        ScenarioCatalog catalog = CommonOptions.Catalog(parse.GetValue(_common.Assembly));
        var grid = new Grid().AddColumn().AddColumn().AddColumn();
        foreach (ScenarioDefinition scenario in catalog.All)
        {
            grid.AddRow(
                "[bold]" + Markup.Escape(scenario.Name) + "[/]",
                CommonOptions.Invariant($"budget {scenario.Budget,5}"),
                Markup.Escape(scenario.Description));
        }

        output.Console.Write(grid);
        if ((catalog.TryFind("lost-update", out ScenarioDefinition? suggested) ? suggested : catalog.All.FirstOrDefault()) is { } first)
        {
            output.Line($"Try: {_common.Invocation.Prefix} explore {first.Name}{(parse.GetValue(_common.Assembly) is { } path ? " --assembly " + Invocation.Quote(path) : "")}");
        }
        return 0;
    }
}
