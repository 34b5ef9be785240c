using System.Text.Json.Nodes;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Rendering;

/// <summary>The text report of <c>merge</c>: what was merged, how much ran, the failing seeds and how to replay the first.</summary>
internal static class MergedReportRenderer
{
    public static void Render(CommandOutput output, JsonObject merged, IReadOnlyList<ShardReport> reports, Invocation invocation)
    {
        string scenario = Text(merged, "scenario");
        int count = reports[0].ShardCount;
        string variant = merged["fixed"]?.GetValue<bool>() == true ? " (fixed)" : "";
        output.Line(CommonOptions.Invariant($"Merged {reports.Count} of {count} shards of {scenario}{variant}: strategy {Text(merged, "strategy")}, base seed {merged["baseSeed"]?.ToJsonString()}"));
        int[] missing = ShardReportMerge.MissingShards(reports);
        if (missing.Length > 0)
        {
            output.Line($"warning: shard{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)} of {count} missing: part of the range was not run");
        }

        long iterations = merged["iterationsRun"]?.GetValue<long>() ?? 0;
        var seeds = (merged["failingSeeds"] as JsonArray ?? []).Select(s => s?.ToJsonString()).ToArray();
        var where = (merged["failingIterations"] as JsonArray ?? []).Select(s => s?.ToJsonString()).ToArray();
        if (seeds.Length == 0)
        {
            output.Line(CommonOptions.Invariant($"No bug found in {iterations} iterations."));
            return;
        }

        output.Line(CommonOptions.Invariant($"Bug found: {seeds.Length} failing seed{(seeds.Length == 1 ? "" : "s")} in {iterations} iterations"));
        output.Line($"failing seeds: {string.Join(", ", seeds.Zip(where, (s, i) => $"{s} (iteration {i})"))}");
        if (merged["exceptionType"] is { } type)
        {
            output.Line($"first failure: {type.GetValue<string>()}: {Text(merged, "exceptionMessage")}");
        }

        if (merged["replayCommand"] is { } replay)
        {
            output.Line($"replay it: {replay.GetValue<string>()}");
        }
        else
        {
            output.Line($"replay it: {invocation.Prefix} replay {scenario} --seed {seeds[0]}");
        }
    }

    private static string Text(JsonObject merged, string name) => merged[name] is JsonValue v && v.TryGetValue(out string? s) ? s : merged[name]?.ToJsonString() ?? "";
}
