namespace SimLoop.Exploration;

/// <summary>What an exploration did. Everything but <see cref="WallClockTime"/> is independent of parallelism.</summary>
public sealed class ExplorationResult
{
    internal ExplorationResult(long iterationsRun, IReadOnlyList<FailureReport> failures, long steps, TimeSpan simulatedTime, TimeSpan wallClockTime, ExplorationCoverage coverage)
    {
        Coverage = coverage;
        IterationsRun = iterationsRun;
        Failures = failures;
        Steps = steps;
        SimulatedTime = simulatedTime;
        WallClockTime = wallClockTime;
    }

    /// <summary>Iterations run (fewer than planned when the exploration stopped at a failure).</summary>
    public long IterationsRun { get; }

    /// <summary>The failing iterations in iteration order (the first one shrunk).</summary>
    public IReadOnlyList<FailureReport> Failures { get; }

    /// <summary>Loop steps run over all iterations.</summary>
    public long Steps { get; }

    /// <summary>Virtual time simulated over all iterations.</summary>
    public TimeSpan SimulatedTime { get; }

    /// <summary>Real time the exploration took (for throughput reports only; it varies from run to run).</summary>
    public TimeSpan WallClockTime { get; }

    /// <summary>Distinct behaviours seen, and how their count grew over the iterations.</summary>
    public ExplorationCoverage Coverage { get; }

    /// <summary>Whether no iteration failed.</summary>
    public bool Passed => Failures.Count == 0;
}
