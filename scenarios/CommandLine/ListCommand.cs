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
        output.Console.MarkupLine(Markup.Escape("Try: dotnet run --project scenarios -- explore lost-update"));
        return 0;
    }
}
