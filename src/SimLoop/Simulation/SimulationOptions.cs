using Microsoft.Extensions.Logging;
using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// How a <see cref="SimulatedEventLoop"/> runs. Values are validated where they are set, with the argument's name.
/// </summary>
public sealed class SimulationOptions
{
    private long? _maxSteps = DefaultMaxSteps;
    private TimeSpan? _maxVirtualTime;
    private TimeSpan _escapeGracePeriod;
    private TimeSpan? _blockingStepTimeout = TimeSpan.FromSeconds(5);
    private TimeSpan _timerJitter;

    /// <summary>The seed every random stream of the run is derived from.</summary>
    public ulong Seed { get; set; }

    /// <summary>Which ready step runs next; null for FIFO (asyncio's order).</summary>
    public IScheduleStrategy? Strategy { get; set; }

    /// <summary>The latest <see cref="StartTime"/>: a run needs room for its clock to move (a thousand years of it).</summary>
    public static readonly DateTimeOffset LatestStartTime = DateTimeOffset.MaxValue.AddYears(-1000);

    /// <summary>The instant the virtual clock shows at the start; null for 2000-01-01T00:00:00Z.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is later than <see cref="LatestStartTime"/>.</exception>
    public DateTimeOffset? StartTime
    {
        get;
        set => field = value is { } start && start > LatestStartTime
            ? throw new ArgumentOutOfRangeException(nameof(value), value, $"StartTime must leave the virtual clock room to move: at most {LatestStartTime:O} (DateTimeOffset.MaxValue minus 1,000 years).")
            : value;
    }

    /// <summary>The default of <see cref="MaxSteps"/>: a spinning task, an endless timer chain or a periodic timer never
    /// stopped ends in well under a second of real time instead of running forever.</summary>
    public const long DefaultMaxSteps = 100_000;

    /// <summary>
    /// End the run with a <see cref="SimulationLimitException"/> after this many steps (default
    /// <see cref="DefaultMaxSteps"/>, for <c>Simulation.Run</c> and <c>Simulation.Explore</c> alike); null for no bound.
    /// Raise it for workloads that legitimately take more steps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long? MaxSteps
    {
        get => _maxSteps;
        set
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxSteps must be positive, or null for no bound.");
            }

            _maxSteps = value;
        }
    }

    /// <summary>End the run with a <see cref="SimulationLimitException"/> when virtual time would pass this; null for no bound.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? MaxVirtualTime
    {
        get => _maxVirtualTime;
        set => _maxVirtualTime = PositiveOrNull(value, "MaxVirtualTime must be positive, or null for no bound.");
    }

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
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan EscapeGracePeriod
    {
        get => _escapeGracePeriod;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(value));
            _escapeGracePeriod = value;
        }
    }

    /// <summary>
    /// A step that blocks the loop thread longer than this (real time; <c>.Result</c>, <c>.Wait()</c>,
    /// <c>Thread.Sleep</c>) is interrupted and the run ends with an <see cref="UncontrolledConcurrencyException"/>;
    /// null to never interrupt.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? BlockingStepTimeout
    {
        get => _blockingStepTimeout;
        set => _blockingStepTimeout = PositiveOrNull(value, "BlockingStepTimeout must be positive, or null to never interrupt a step.");
    }

    /// <summary>
    /// Seeded jitter added to the due time of every timer scheduled in the future (CallLater, CallAt, TimeProvider
    /// timers): a uniform amount in [0, TimerJitter], never earlier than asked. Explores races between timeouts and
    /// replies. Drawn from its own stream (concern <c>"timer.jitter"</c>), so it does not shift the task order.
    /// Zero (the default) for none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan TimerJitter
    {
        get => _timerJitter;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(value));
            _timerJitter = value;
        }
    }

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

    /// <summary>Where the default exception handler logs; null for nowhere.</summary>
    public ILogger? Logger { get; set; }

    private static TimeSpan? PositiveOrNull(TimeSpan? value, string message) =>
        value is { } v && v <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, message) : value;

    /// <summary>A choice sequence the run replays instead of drawing (replay and shrinking), or null.</summary>
    internal ChoiceReplay? ChoiceReplay { get; set; }

    /// <summary>The seam through which a strategy biases the run's draws (see <see cref="IChoiceBias"/>), or null.</summary>
    internal IChoiceBias? ChoiceBias { get; set; }

    /// <summary>A copy of these options.</summary>
    public SimulationOptions Clone() => (SimulationOptions)MemberwiseClone();
}
