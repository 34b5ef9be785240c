using System.Globalization;
using Microsoft.Extensions.Logging;
using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// How a <see cref="SimulatedEventLoop"/> runs. The properties are plain; the loop checks them all at once when it is
/// created (<see cref="Validate"/>), and one <see cref="OptionsValidationException"/> names every invalid one. One
/// options object may configure any number of loops: each gets its own copy, and its own strategy from
/// <see cref="StrategyFactory"/>, so the same options give the same run.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>The seed every random stream of the run is derived from.</summary>
    public ulong Seed { get; set; }

    /// <summary>
    /// Creates the strategy that picks which ready step runs next, once for every loop these options configure; it gets
    /// the loop's <see cref="Seed"/> (for example <c>seed =&gt; new RandomStrategy(seed)</c>). Null for FIFO (asyncio's
    /// order). Strategies keep state (a random stream, priorities, a position in a choice list), so a loop never
    /// reuses another loop's strategy: a factory that returns the same instance twice makes the second run continue
    /// where the first stopped.
    /// </summary>
    public Func<ulong, IScheduleStrategy>? StrategyFactory { get; set; }

    /// <summary>The latest <see cref="StartTime"/>: a run needs room for its clock to move (a thousand years of it).</summary>
    public static readonly DateTimeOffset LatestStartTime = DateTimeOffset.MaxValue.AddYears(-1000);

    /// <summary>The instant the virtual clock shows at the start; null for 2000-01-01T00:00:00Z.</summary>
    /// <remarks>Valid up to <see cref="LatestStartTime"/>.</remarks>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>The default of <see cref="MaxSteps"/>: a spinning task, an endless timer chain or a periodic timer never
    /// stopped ends in well under a second of real time instead of running forever.</summary>
    public const long DefaultMaxSteps = 100_000;

    /// <summary>
    /// End the run with a <see cref="SimulationLimitException"/> after this many steps (default
    /// <see cref="DefaultMaxSteps"/>, for <c>Simulation.Run</c> and <c>Simulation.Explore</c> alike); null for no bound.
    /// Raise it for workloads that legitimately take more steps.
    /// </summary>
    /// <remarks>Valid when positive or null.</remarks>
    public long? MaxSteps { get; set; } = DefaultMaxSteps;

    /// <summary>End the run with a <see cref="SimulationLimitException"/> when virtual time would pass this; null for no bound.</summary>
    /// <remarks>Valid when positive or null.</remarks>
    public TimeSpan? MaxVirtualTime { get; set; }

    /// <summary>Record every enter/leave, callback, timer and network event (true), or only the decisions (false, cheaper).</summary>
    public bool RecordTrace { get; set; } = true;

    /// <summary>
    /// When an exception reaches the default exception handler (an exception in a callback, a task exception never
    /// retrieved), end the run with it instead of only logging it. True by default: a test should not pass over an error.
    /// </summary>
    public bool FailOnUnhandledException { get; set; } = true;

    /// <summary>
    /// Adopt thread-pool work that the loop's own thread queues during a step (true by default): framework hops that
    /// no setting avoids (<c>ConfigureAwait(false)</c> continuations, <c>SemaphoreSlim.WaitAsync(token)</c>, channels,
    /// <c>Task.Run</c>) become ready steps of the task that queued them, chosen by the strategy like any other step and
    /// run one at a time while the loop waits. False reports every such hop as an
    /// <see cref="UncontrolledConcurrencyException"/> instead.
    /// </summary>
    public bool AdoptThreadPoolWork { get; set; } = true;

    /// <summary>
    /// When nothing is ready and no timer is due, how long (real time) the loop waits for work that escaped to other
    /// threads to come back before it reports a deadlock. Zero by default: with <see cref="AdoptThreadPoolWork"/> on,
    /// the loop knows every item it queued, so a deadlock is reported at once. A grace only helps to name escapes
    /// the loop cannot see (work queued from threads of your own) instead of reporting a deadlock.
    /// </summary>
    /// <remarks>Valid when not negative.</remarks>
    public TimeSpan EscapeGracePeriod { get; set; }

    /// <summary>
    /// A step that blocks the loop thread longer than this (real time; <c>.Result</c>, <c>.Wait()</c>,
    /// <c>Thread.Sleep</c>) is interrupted and the run ends with an <see cref="UncontrolledConcurrencyException"/>;
    /// null to never interrupt.
    /// </summary>
    /// <remarks>Valid when positive or null.</remarks>
    public TimeSpan? BlockingStepTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Seeded jitter added to the due time of every timer scheduled in the future (CallLater, CallAt, TimeProvider
    /// timers): a uniform amount in [0, TimerJitter], never earlier than asked. Explores races between timeouts and
    /// replies. Drawn from its own stream (concern <c>"timer.jitter"</c>), so it does not shift the task order.
    /// Zero (the default) for none.
    /// </summary>
    /// <remarks>Valid when not negative.</remarks>
    public TimeSpan TimerJitter { get; set; }

    /// <summary>
    /// Shuffle the timers due at the same instant (seeded, concern <c>"timer.order"</c>) instead of running them in
    /// scheduling order. False by default (asyncio's order).
    /// </summary>
    public bool ShuffleSimultaneousTimers { get; set; }

    /// <summary>
    /// Whether <see cref="SimLoop.Buggify.Fire"/> sites may fire in this run (true by default, as in FoundationDB's
    /// simulator; set false to run the code exactly as in production).
    /// </summary>
    public bool Buggify { get; set; } = true;

    /// <summary>
    /// The swarm-testing profile of this run (see <see cref="Exploration.SwarmProfile"/>): how it reshapes every link's
    /// latency and faults, and the timer jitter, timer order and Buggify it switches on or off. Null (the default) runs
    /// everything as configured. Explorations with <see cref="Exploration.ExplorationStrategy.Swarm"/> and the
    /// portfolio's swarm members set it per iteration.
    /// </summary>
    public Exploration.SwarmProfile? Swarm { get; set; }

    /// <summary>Where the default exception handler logs; null for nowhere.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Checks every setting at once, as <see cref="SimulatedEventLoop"/> does when it is created (so
    /// <c>Simulation.Run</c>, <c>Replay</c> and <c>Explore</c> too); call it to fail earlier.
    /// </summary>
    /// <exception cref="OptionsValidationException">Settings are out of range: one exception (parameter <c>options</c>) names every one.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        CollectProblems(problems);
        problems.ThrowIfAny("options");
    }

    /// <summary>A choice sequence the run replays instead of drawing (replay and shrinking), or null.</summary>
    internal ChoiceReplay? ChoiceReplay { get; set; }

    /// <summary>The seam through which a strategy biases the run's draws (see <see cref="IChoiceBias"/>), or null.</summary>
    internal IChoiceBias? ChoiceBias { get; set; }

    /// <summary>Whether the trace hashes its shape as it records (an explored iteration's coverage key).</summary>
    internal bool TracksShape { get; set; }

    /// <summary>Adds every out-of-range setting to <paramref name="problems"/>, each property prefixed with <paramref name="prefix"/>.</summary>
    internal void CollectProblems(OptionsProblems problems, string prefix = "")
    {
        if (StartTime is { } start && start > LatestStartTime)
        {
            problems.Add(prefix + nameof(StartTime), string.Create(CultureInfo.InvariantCulture, $"must leave the virtual clock room to move: at most {LatestStartTime:O} (DateTimeOffset.MaxValue minus 1,000 years; it is {start:O})"));
        }

        if (MaxSteps is { } steps && steps <= 0)
        {
            problems.Add(prefix + nameof(MaxSteps), string.Create(CultureInfo.InvariantCulture, $"must be positive, or null for no bound (it is {steps})"));
        }

        problems.PositiveOrNull(prefix + nameof(MaxVirtualTime), MaxVirtualTime, "for no bound");
        problems.NotNegative(prefix + nameof(EscapeGracePeriod), EscapeGracePeriod);
        problems.PositiveOrNull(prefix + nameof(BlockingStepTimeout), BlockingStepTimeout, "to never interrupt a step");
        problems.NotNegative(prefix + nameof(TimerJitter), TimerJitter);
    }

    /// <summary>
    /// A copy of these options. The copy shares <see cref="StrategyFactory"/> and <see cref="Logger"/>: a factory makes
    /// a new strategy for every loop, so sharing it shares no state between runs.
    /// </summary>
    public SimulationOptions Clone() => (SimulationOptions)MemberwiseClone();
}
