namespace SimLoop.Exploration;

/// <summary>
/// A simulated run failed. The message carries the seed, the compact schedule string and the line that replays
/// it; <see cref="Report"/> has everything else. The failure itself is the inner exception.
/// </summary>
public sealed class SimulationFailureException : Exception
{
    internal SimulationFailureException(FailureReport report)
        : base(report.ToString(), report.Exception)
    {
        Report = report;
    }

    /// <summary>The failure: seed, strategy, exception, traces and how to replay it.</summary>
    public FailureReport Report { get; }
}
