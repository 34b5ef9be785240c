using SimLoop.Choices;
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
        ChoiceSequence = loop.Choices.Kept();
        ChoicesMade = loop.Choices.Made;
        ChoiceMismatch = loop.Choices.FirstMismatch;
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

    /// <summary>
    /// Every choice the run made, in order: scheduler picks and every draw of every random stream (empty when the run
    /// did not record its trace, see <see cref="ChoicesMade"/>). Replaying it reproduces the run without the seed.
    /// </summary>
    public IReadOnlyList<Choice> ChoiceSequence { get; }

    /// <summary>
    /// In a replay of a choice sequence, the first recorded choice that did not fit the program's draw (a strict
    /// replay stopped there; a lenient one drew the simplest value instead); null when every choice fitted.
    /// </summary>
    public ReplayDivergedException? ChoiceMismatch { get; }

    /// <summary>How many choices the run made (also when it did not keep them).</summary>
    public long ChoicesMade { get; }

    /// <summary>The scheduler's choices, in order.</summary>
    public int[] Choices() => Trace.Choices();
}
