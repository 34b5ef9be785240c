using System.Text.Json;
using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Rendering;

/// <summary>What an exploration found, in the form both the report and <c>--json</c> print.</summary>
internal sealed class ExplorationSummary(RunSettings settings, ExplorationOptions options, ExplorationResult result, ExplorationTracker tracker, FailureTraceFiles files)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public RunSettings Settings => settings;

    public ExplorationOptions Options => options;

    public ExplorationResult Result => result;

    public ExplorationTracker Tracker => tracker;

    public FailureTraceFiles Files => files;

    public FailureReport? FirstFailure => result.Failures.Count > 0 ? result.Failures[0] : null;

    public string? TraceFileForDisplay => files.PathOf(0) is { } path ? FailureTraceFiles.RelativeToCurrentDirectory(path) : null;

    /// <summary>" in iteration 15 of 200" (1-based, in seed order within the shard), or "" for a single seed.</summary>
    public string Where(FailureReport failure)
    {
        string shard = options.ShardCount > 1 ? CommandLine.CommonOptions.Invariant($" of shard {options.ShardIndex + 1}/{options.ShardCount}") : "";
        return failure.Iteration is { } i ? CommandLine.CommonOptions.Invariant($" in iteration {i + 1} of {options.Iterations}{shard}") : "";
    }

    public string? SeedReplayCommand => FirstFailure is { } f ? settings.ReplayCommand("replay", f.Seed, null) : null;

    public string? TraceReplayCommand => TraceFileForDisplay is { } path ? settings.ReplayCommand("replay", null, path) : null;

    public string ToJson()
    {
        FailureReport? failure = FirstFailure;
        var document = new
        {
            scenario = settings.Scenario.Name,
            @fixed = settings.Fixed,
            strategy = options.Strategy.ToString().ToLowerInvariant(),
            baseSeed = options.BaseSeed,
            shard = $"{options.ShardIndex + 1}/{options.ShardCount}",
            iterationsRun = result.IterationsRun,
            seedsRun = tracker.Seeds.Order().ToArray(),
            failingSeeds = result.Failures.Select(f => f.Seed).ToArray(),
            failingIterations = result.Failures.Select(f => f.Iteration + 1).ToArray(),
            passed = result.Passed,
            exceptionType = failure?.Exception.GetType().FullName,
            exceptionMessage = failure?.Exception.Message,
            schedule = failure?.ScheduleText,
            originalDecisions = failure?.OriginalChoices.Count,
            minimisedDecisions = failure?.MinimizedChoices.Count,
            originalChoices = failure?.OriginalChoiceCount,
            minimisedChoices = failure?.MinimizedChoiceSequence.Count,
            minimisedContents = failure?.MinimizedContents.Select(c => c.ToString()).ToArray(),
            needs = failure?.NeededChoiceClasses.Select(c => c.ToString().ToLowerInvariant()).ToArray(),
            replayCommand = SeedReplayCommand,
            traceReplayCommand = TraceReplayCommand,
            traceFile = files.PathOf(0),
            traceFileError = files.Error,
            traceHash = failure?.Trace.Hash(),
            minimisedTraceHash = failure?.MinimizedTrace.Hash(),
            coverage = new
            {
                distinctBehaviours = result.Coverage.DistinctBehaviours,
                newInLastWindow = result.Coverage.NewInLastWindow,
                window = result.Coverage.Window,
            },
        };
        return JsonSerializer.Serialize(document, s_json);
    }
}
