using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimLoop.Scenarios.Rendering;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// <c>merge a.json b.json ...</c>: unions the <c>explore --json</c> reports of the shards of one exploration into one
/// report (see <see cref="ShardReportMerge"/>). Exit code 0 if no shard found a bug, 1 if one did, 2 for unusable
/// input: a missing or non-JSON file, shards of different explorations, or the same shard twice.
/// </summary>
internal sealed class MergeCommand
{
    public const string Name = "merge";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private readonly CommonOptions _common;
    private readonly Argument<string[]> _files = new("reports") { Description = "The reports of explore --json, one per shard.", Arity = ArgumentArity.OneOrMore };
    private readonly Option<bool> _json = new("--json") { Description = "Print the merged result with the same fields as explore --json." };

    public MergeCommand(CommonOptions common)
    {
        _common = common;
        Command = new Command(Name, "Union the explore --json reports of shards into one report.");
        Command.Arguments.Add(_files);
        Command.Options.Add(_json);
    }

    public Command Command { get; }

    public int Execute(ParseResult parse, CommandOutput output)
    {
        ShardReport[] reports = parse.GetValue(_files)!.Select(ShardReport.Read).ToArray();
        JsonObject merged = ShardReportMerge.Merge(reports);
        if (parse.GetValue(_json))
        {
            output.Out.WriteLine(merged.ToJsonString(s_json));
        }
        else
        {
            MergedReportRenderer.Render(output, merged, reports, _common.Invocation);
        }

        return merged["passed"]!.GetValue<bool>() ? CommandLineApp.Passed : CommandLineApp.BugFound;
    }
}
