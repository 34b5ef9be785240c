using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>The outcome of one simulated run: what it did and how it ended.</summary>
public sealed class SimulationRun
{
    internal SimulationRun(ulong seed, string strategy, SimulatedEventLoop loop, Exception? failure)
    {
        Seed = seed;
        Strategy = strategy;
        Trace = loop.Trace;
        Steps = loop.StepCount;
        VirtualTime = loop.Clock.Elapsed;
        Failure = failure;
    }

    /// <summary>The seed of the run.</summary>
    public ulong Seed { get; }

    /// <summary>The strategy's description (with the swarm profile, if any).</summary>
    public string Strategy { get; }

    /// <summary>The state key the run reported with <see cref="SimulatedEventLoop.ObserveState"/>, or null.</summary>
    internal ulong? StateHash { get; init; }

    /// <summary>The run's swarm profile (see <see cref="SimulationOptions.Swarm"/>), or null when it ran as configured.</summary>
    public SwarmProfile? Swarm { get; internal init; }

    /// <summary>What the run did.</summary>
    public ScheduleTrace Trace { get; }

    /// <summary>How many steps the loop ran.</summary>
    public long Steps { get; }

    /// <summary>How much virtual time passed.</summary>
    public TimeSpan VirtualTime { get; }

    /// <summary>The exception that ended the run, or null when the body completed.</summary>
    public Exception? Failure { get; }

    /// <summary>Whether the run failed.</summary>
    public bool Failed => Failure is not null;

    /// <summary>The choices made, in order.</summary>
    public int[] Choices() => Trace.Choices();
}
