using System.Globalization;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Which slice of the seed space this process runs: <c>--shard I/N</c> as given, or <c>--shard auto</c> from the
/// batch engine that started the process. A Kubernetes Indexed Job sets <c>JOB_COMPLETION_INDEX</c> (0-based, no
/// count: <c>--shard-count N</c> gives it); a Slurm array sets <c>SLURM_ARRAY_TASK_ID</c> (from
/// <c>SLURM_ARRAY_TASK_MIN</c>, 0 if unset) and <c>SLURM_ARRAY_TASK_COUNT</c>. The environment is read only through
/// the lookup given, so tests never touch the process's own environment.
/// </summary>
internal static class ShardSelection
{
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";
    public const string SlurmTaskId = "SLURM_ARRAY_TASK_ID";
    public const string SlurmTaskMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmTaskCount = "SLURM_ARRAY_TASK_COUNT";

    /// <summary>The 0-based shard index and the shard count, or a <see cref="UsageException"/> saying what to fix.</summary>
    /// <param name="shard">The <c>--shard</c> value: null, <c>auto</c> or <c>I/N</c>.</param>
    /// <param name="shardCount">The <c>--shard-count</c> value, if given.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    public static (int Index, int Count) Resolve(string? shard, long? shardCount, Func<string, string?> environment)
    {
        if (!string.Equals(shard, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return shardCount is null
                ? ExploreCommand.ParseShard(shard)
                : throw new UsageException("--shard-count N goes with --shard auto (with --shard I/N the count is N)");
        }

        string? kubernetes = Value(environment, KubernetesIndex);
        string? slurm = Value(environment, SlurmTaskId);
        if (kubernetes is not null && slurm is not null)
        {
            throw new UsageException($"--shard auto found both {KubernetesIndex} (Kubernetes) and {SlurmTaskId} (Slurm); unset the one that does not belong to this job, or give --shard I/N");
        }

        if (kubernetes is null && slurm is null)
        {
            throw new UsageException($"--shard auto needs {KubernetesIndex} (a Kubernetes Indexed Job) or {SlurmTaskId} (a Slurm array) in the environment, and neither is set; give --shard I/N instead");
        }

        int index;
        int? engineCount = null;
        string source;
        if (kubernetes is not null)
        {
            index = Whole(kubernetes, KubernetesIndex);
            source = KubernetesIndex;
        }
        else
        {
            int min = Value(environment, SlurmTaskMin) is { } minText ? Whole(minText, SlurmTaskMin) : 0;
            index = Whole(slurm!, SlurmTaskId) - min;
            source = min == 0 ? SlurmTaskId : $"{SlurmTaskId} - {SlurmTaskMin}";
            engineCount = Value(environment, SlurmTaskCount) is { } countText ? Whole(countText, SlurmTaskCount) : null;
        }

        int count = (shardCount, engineCount) switch
        {
            ({ } given, { } engine) when given != engine =>
                throw new UsageException(CommonOptions.Invariant($"--shard-count {given} disagrees with {SlurmTaskCount}={engine}; drop --shard-count or make the array {given} tasks")),
            ({ } given, _) => (int)given,
            (null, { } engine) => engine,
            _ => throw new UsageException($"--shard auto took the index from {source} but nothing gives the number of shards; add --shard-count N (the job's completions)"),
        };

        if (count < 1 || index < 0 || index >= count)
        {
            throw new UsageException(CommonOptions.Invariant($"--shard auto: shard index {index} (from {source}) is outside 0..{count - 1} for {count} shards; make --shard-count match the job's completions (or the array's size)"));
        }

        return (index, count);
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Whole(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new UsageException($"{name} must be a whole number from 0; got '{text}'");
}
