using System.Globalization;
using System.Text.Json.Nodes;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Unions shard reports of one exploration into the report one process over the same range would print: the same
/// fields, iterations summed, seeds run unioned, failing seeds and iterations unioned in the order of the whole
/// range (iterations renumbered from shard-local to global), <c>passed</c> only if every shard passed, and the
/// first-failure fields (exception, schedule, replay commands, hashes) of the failure earliest in the whole range.
/// Every field the rules below do not name is a first-failure field, so a new field of explore is carried over as is;
/// a new numeric field that adds up across shards (a coverage count) needs one entry in <see cref="s_summed"/>.
/// </summary>
internal static class ShardReportMerge
{
    /// <summary>The field of a merged report listing its inputs; a report that has it is not merged again.</summary>
    public const string MergedFromField = "mergedFrom";

    /// <summary>Fields every shard must agree on: shards of different explorations do not merge.</summary>
    private static readonly string[] s_identity = ["scenario", "fixed", "strategy", "baseSeed"];

    /// <summary>Whole-number fields that add up across shards (each shard counts its own slice).</summary>
    private static readonly string[] s_summed = ["iterationsRun"];

    /// <summary>Fields of seed lists that are unioned and sorted.</summary>
    private static readonly string[] s_seedSets = ["seedsRun"];

    public static JsonObject Merge(IReadOnlyList<ShardReport> reports)
    {
        if (reports.Count == 0)
        {
            throw new UsageException("merge needs at least one report file");
        }

        CheckSameExploration(reports);
        CheckDisjoint(reports);
        List<(long Iteration, JsonNode? Seed)> failures = reports
            .SelectMany(r => Failures(r).Select(f => (Iteration: r.GlobalIteration(f.Iteration), f.Seed)))
            .OrderBy(f => f.Iteration)
            .ToList();
        ShardReport earliest = reports
            .Where(r => Failures(r).Count > 0)
            .OrderBy(r => r.GlobalIteration(Failures(r).Min(f => f.Iteration)))
            .FirstOrDefault() ?? reports[0];

        var merged = new JsonObject();
        foreach (string name in reports.SelectMany(r => r.Document.Select(p => p.Key)).Distinct())
        {
            merged[name] = name switch
            {
                "shard" => Shards(reports),
                "failingSeeds" => new JsonArray(failures.Select(f => f.Seed?.DeepClone()).ToArray()),
                "failingIterations" => new JsonArray(failures.Select(f => (JsonNode)JsonValue.Create(f.Iteration)).ToArray()),
                "passed" => reports.All(r => r.Document["passed"]!.GetValue<bool>()),
                _ when s_identity.Contains(name) => reports[0].Document[name]?.DeepClone(),
                _ when s_summed.Contains(name) => reports.Sum(r => Whole(r, name)),
                _ when s_seedSets.Contains(name) => new JsonArray(reports.SelectMany(r => Seeds(r, name)).Distinct().Order().Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                _ => earliest.Document[name]?.DeepClone(),
            };
        }

        merged[MergedFromField] = new JsonArray(reports.Select(r => (JsonNode)JsonValue.Create(r.Path)).ToArray());
        return merged;
    }

    /// <summary>
    /// The shards merged: <c>1/1</c> when they are all of them (the whole range, as one process over it prints),
    /// else the 1-based shard numbers as <c>I,J,.../N</c>.
    /// </summary>
    public static string Shards(IReadOnlyList<ShardReport> reports) =>
        MissingShards(reports).Length == 0
            ? "1/1"
            : string.Join(',', reports.Select(r => r.ShardIndex + 1).Order()) + "/" + reports[0].ShardCount.ToString(CultureInfo.InvariantCulture);

    /// <summary>The 1-based shard numbers a complete merge lacks.</summary>
    public static int[] MissingShards(IReadOnlyList<ShardReport> reports) =>
        Enumerable.Range(1, reports[0].ShardCount).Except(reports.Select(r => r.ShardIndex + 1)).ToArray();

    private static void CheckSameExploration(IReadOnlyList<ShardReport> reports)
    {
        ShardReport first = reports[0];
        foreach (ShardReport other in reports.Skip(1))
        {
            foreach (string name in s_identity)
            {
                string a = first.Document[name]?.ToJsonString() ?? "null";
                string b = other.Document[name]?.ToJsonString() ?? "null";
                if (a != b)
                {
                    throw new UsageException($"{other.Path} has {name} {b} but {first.Path} has {a}: shards of different explorations do not merge (run every shard with the same scenario, --strategy, --seed and --fixed)");
                }
            }

            if (other.ShardCount != first.ShardCount)
            {
                throw new UsageException(CommonOptions.Invariant($"{other.Path} is a shard of {other.ShardCount} but {first.Path} of {first.ShardCount}: run every shard with the same count"));
            }
        }
    }

    private static void CheckDisjoint(IReadOnlyList<ShardReport> reports)
    {
        foreach (IGrouping<int, ShardReport> same in reports.GroupBy(r => r.ShardIndex).Where(g => g.Count() > 1))
        {
            ShardReport[] both = same.ToArray();
            throw new UsageException(CommonOptions.Invariant($"{both[0].Path} and {both[1].Path} are both shard {same.Key + 1}/{both[0].ShardCount}: the shards overlap; give each shard's report once"));
        }
    }

    private static List<(long Iteration, JsonNode? Seed)> Failures(ShardReport report)
    {
        JsonArray seeds = Array(report, "failingSeeds");
        JsonArray iterations = Array(report, "failingIterations");
        if (seeds.Count != iterations.Count)
        {
            throw new UsageException(CommonOptions.Invariant($"{report.Path} lists {seeds.Count} failing seeds but {iterations.Count} failing iterations: it is not a report of explore --json"));
        }

        return seeds.Zip(iterations, (seed, iteration) => (Iteration: WholeOf(report, "failingIterations", iteration), Seed: seed)).ToList();
    }

    private static ulong[] Seeds(ShardReport report, string name) =>
        Array(report, name).Select(n => n is JsonValue v && v.TryGetValue(out ulong seed) ? seed : throw Malformed(report, name)).ToArray();

    private static long Whole(ShardReport report, string name) => WholeOf(report, name, report.Document[name]);

    private static long WholeOf(ShardReport report, string name, JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out long value) ? value : throw Malformed(report, name);

    private static JsonArray Array(ShardReport report, string name) =>
        report.Document[name] as JsonArray ?? throw Malformed(report, name);

    private static UsageException Malformed(ShardReport report, string name) =>
        new($"{report.Path} has a malformed {name}: it is not a report of explore --json");
}
