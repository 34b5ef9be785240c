using SimLoop.Exploration;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// One run of a scenario as <c>replay</c> and <c>trace</c> see it: its trace, how it ended, and for a trace file the
/// recorded hash and where this run left the recorded decisions (null if it followed them all).
/// </summary>
internal sealed record ScenarioOutcome(ulong Seed, ScheduleTrace Trace, Exception? Failure, string? RecordedHash, ScheduleDivergence? Divergence = null)
{
    public bool Failed => Failure is not null;
}

/// <summary>Runs one seed or one trace file of a scenario exactly as the explorer ran it.</summary>
internal static class ScenarioRunner
{
    [ThreadStatic]
    private static SimulatedEventLoop? s_lastLoop;

    /// <summary>The loop of the last run started on this thread (the explorer runs each iteration on one thread).</summary>
    public static SimulatedEventLoop? LastLoopOnThisThread => s_lastLoop;

    /// <summary>The scenario's body, remembering each run's loop for progress reports and replays.</summary>
    public static Func<SimulatedEventLoop, CancellationToken, Task> ObservedBody(RunSettings settings)
    {
        Func<SimulatedEventLoop, CancellationToken, Task> body = settings.Scenario.Body(settings.Fixed);
        return (loop, ct) =>
        {
            s_lastLoop = loop;
            return body(loop, ct);
        };
    }

    /// <summary>The most runs a replay of an exhaustive search's seed makes before giving up (it stops at the first failure).</summary>
    public const int ExhaustiveReplayRuns = 100_000;

    /// <summary>Reruns the explorer's iteration with <paramref name="seed"/>: the same strategy, parameters and bounds.</summary>
    public static ScenarioOutcome RunSeed(RunSettings settings, ulong seed)
    {
        ExplorationOptions options = settings.ExplorationOptions();
        options.OnlySeed = seed;
        options.Shrink = false;
        options.ThrowOnFailure = false;
        options.FailureFolder = null;
        if (settings.Strategy == ExplorationStrategy.Exhaustive)
        {
            // The search is deterministic and stops at its first failing schedule: rerun it that far, whatever
            // --iterations the exploration had.
            options.Iterations = ExhaustiveReplayRuns;
        }

        ExplorationResult result = Simulation.Explore(ObservedBody(settings), options, settings.Scenario.Name);
        if (result.Failures is [var failure, ..])
        {
            return new ScenarioOutcome(seed, failure.Trace, failure.Exception, null);
        }

        SimulatedEventLoop loop = s_lastLoop ?? throw new InvalidOperationException("The scenario did not run.");
        return new ScenarioOutcome(seed, loop.Trace, null, null);
    }

    /// <summary>
    /// Replays a trace file written by <c>explore</c> from its choice sequence alone (no seed: every pick and draw
    /// comes from the file), checking the recorded decisions' ready steps. Where the program no longer fits the file
    /// (changed code, or <c>--fixed</c>), the run goes on with the recorded choices where they fit and the simplest
    /// ones elsewhere, and the outcome says where it diverged. A file that cannot replay its run is a
    /// <see cref="UsageException"/>.
    /// </summary>
    public static ScenarioOutcome RunTraceFile(RunSettings settings, string path)
    {
        ScheduleTraceFile file = TraceFileInput.Read(path, settings);
        var strategy = new RecordedScheduleStrategy(file.ToDecisions());
        SimulationOptions options = settings.SimulationOptions();
        options.StrategyFactory = _ => strategy; // this one run; its divergence is read below
        options.Seed = file.Seed; // only named in messages: no draw comes from it
        options.Swarm = file.Swarm; // the profile shapes the links, so which draws the run makes
        SimulationRun run = Simulation.ReplayChoices(file.ToChoices(), settings.Scenario.Body(settings.Fixed), options, strict: false);
        ScheduleDivergence? divergence = strategy.Divergence ?? (run.ChoiceMismatch is { } mismatch ? ScheduleDivergence.Of(mismatch) : null);
        return new ScenarioOutcome(file.Seed, run.Trace, run.Failure, file.TraceHash, divergence);
    }

    /// <summary>Runs <paramref name="seed"/> or the trace file, whichever was given (exactly one must be).</summary>
    public static ScenarioOutcome RunSeedOrTrace(RunSettings settings, ulong? seed, string? traceFile) =>
        (seed, traceFile) switch
        {
            ({ } s, null) => RunSeed(settings, s),
            (null, { } path) => RunTraceFile(settings, path),
            _ => throw new UsageException("give exactly one of --seed S or --trace FILE"),
        };
}
