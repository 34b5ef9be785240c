using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// One shard's result as <c>explore --json</c> printed it, read for <c>merge</c>. A file that is missing, not JSON,
/// not a report, or already a merged report is a <see cref="UsageException"/> (exit code 2) naming the file.
/// </summary>
internal sealed class ShardReport
{
    /// <summary>The fields every report of <c>explore --json</c> has and the merge reads.</summary>
    private static readonly string[] s_required =
        ["scenario", "fixed", "strategy", "baseSeed", "shard", "iterationsRun", "seedsRun", "failingSeeds", "failingIterations", "passed"];

    private ShardReport(string path, JsonObject document, int index, int count)
    {
        Path = path;
        Document = document;
        ShardIndex = index;
        ShardCount = count;
    }

    public string Path { get; }

    /// <summary>The whole report, every field as printed (new fields of explore reach the merge without a change here).</summary>
    public JsonObject Document { get; }

    /// <summary>The 0-based shard index.</summary>
    public int ShardIndex { get; }

    public int ShardCount { get; }

    /// <summary>The 1-based iteration, within the whole range, of a 1-based iteration within this shard.</summary>
    public long GlobalIteration(long shardIteration) => ((shardIteration - 1) * ShardCount) + ShardIndex + 1;

    public static ShardReport Read(string path)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            throw new UsageException($"report file not found: {path} (write one per shard with explore --json > FILE)");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path} is not JSON ({ex.Message}); merge takes the output of explore --json");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read report file {path}: {ex.Message}");
        }

        if (node is not JsonObject document)
        {
            throw new UsageException($"{path} is not a report of explore --json (a JSON object)");
        }

        if (document.ContainsKey(ShardReportMerge.MergedFromField))
        {
            throw new UsageException($"{path} is already a merged report; merge the shard reports it was made from");
        }

        string[] missing = s_required.Where(name => document[name] is null).ToArray();
        if (missing.Length > 0)
        {
            throw new UsageException($"{path} has no {string.Join(", no ", missing)}: it is not a report of explore --json");
        }

        (int index, int count) = ParseShard(path, document["shard"]!);
        return new ShardReport(path, document, index, count);
    }

    private static (int Index, int Count) ParseShard(string path, JsonNode shard)
    {
        string text = shard.GetValueKind() == JsonValueKind.String ? shard.GetValue<string>() : shard.ToJsonString();
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && index >= 1 && index <= count)
        {
            return (index - 1, count);
        }

        throw new UsageException($"{path} has shard '{text}', not I/N with 1 <= I <= N");
    }
}
