using System.Diagnostics;
using SimLoop.Exploration;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Follows an exploration for the progress line: iterations, failures, the seeds run and the virtual time
/// simulated. Wall-clock time is read only here, for throughput figures; it never reaches a simulation.
/// </summary>
internal sealed class ExplorationTracker(int planned)
{
    private static readonly TimeSpan s_liveInterval = TimeSpan.FromMilliseconds(100);
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly List<ulong> _seeds = new();
    private long _lastLive;
    private long _nextPlainAt = Math.Max(1, planned / 10);
    private bool _failureShown;
    private long _simulatedTicks;

    public Action<string>? LiveLine { get; set; }

    public Action<string>? PlainLine { get; set; }

    /// <summary>The seeds of the iterations run, in the order they finished.</summary>
    public IReadOnlyList<ulong> Seeds => _seeds;

    public TimeSpan Simulated => TimeSpan.FromTicks(_simulatedTicks);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <summary>Called by the explorer after each iteration, on the iteration's thread, never concurrently.</summary>
    public void OnProgress(ExplorationProgress progress)
    {
        if (ScenarioRunner.LastLoopOnThisThread is { } loop)
        {
            _seeds.Add(loop.Seed);
            _simulatedTicks += loop.Clock.Elapsed.Ticks;
        }

        if (LiveLine is { } live && (Stopwatch.GetTimestamp() - _lastLive > s_liveInterval.TotalSeconds * Stopwatch.Frequency || progress.IterationsDone == progress.Iterations))
        {
            _lastLive = Stopwatch.GetTimestamp();
            live(Describe(progress));
        }

        bool firstFailure = progress.Failures > 0 && !_failureShown;
        if (PlainLine is { } plain && (progress.IterationsDone >= _nextPlainAt || firstFailure))
        {
            _failureShown |= progress.Failures > 0;
            _nextPlainAt = progress.IterationsDone + Math.Max(1, planned / 10);
            plain(Describe(progress));
        }
    }

    public string Describe(ExplorationProgress progress)
    {
        double seconds = Math.Max(Elapsed.TotalSeconds, 1e-3);
        return CommonOptions.Invariant(
            $"{progress.IterationsDone}/{progress.Iterations} iterations, {progress.IterationsDone / seconds:F0} it/s, {Simulated.TotalSeconds / seconds:F1} simulated s per wall s, failures: {progress.Failures}, behaviours: {progress.DistinctBehaviours} ({progress.NewInLastWindow} new in the last {ExplorationCoverage.WindowFor(progress.Iterations)})");
    }
}
