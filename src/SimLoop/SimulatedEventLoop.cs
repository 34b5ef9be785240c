using System.Diagnostics;
using SimLoop.Scheduling;
using SimLoop.Time;
using SimLoop.Networking;

namespace SimLoop;

/// <summary>
/// A <see cref="BaseEventLoop"/> on virtual time, for deterministic simulation: when nothing is ready the clock jumps
/// to the next timer; a seeded <see cref="IScheduleStrategy"/> picks which ready step runs next; everything the run
/// does goes into a <see cref="ScheduleTrace"/>; hangs, escapes and runaway runs end the run with a report.
/// </summary>
[DebuggerDisplay("SimulatedEventLoop seed={Seed} t={Clock.Elapsed} steps={StepCount}")]
public sealed partial class SimulatedEventLoop : BaseEventLoop
{
    private readonly SimulationOptions _options;
    private readonly IScheduleStrategy _strategy;
    private readonly LoopTimeProvider _timeProvider;
    private readonly ThreadPoolAdoption? _adoption;
    private readonly BlockingWatchdog? _watchdog;
    private readonly EscapeControl _escapes;
    private readonly RunTermination _termination;
    private readonly ChoiceRecorder _choices;

    /// <summary>Creates a loop with FIFO scheduling and seed 0.</summary>
    public SimulatedEventLoop()
        : this(new SimulationOptions())
    {
    }

    /// <summary>
    /// Creates a loop with the given options (checked by <see cref="SimulationOptions.Validate"/>, then copied; later
    /// changes to them have no effect) and a strategy of its own from <see cref="SimulationOptions.StrategyFactory"/>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <exception cref="OptionsValidationException">Settings are out of range (one exception names every one).</exception>
    public SimulatedEventLoop(SimulationOptions options)
        : base(Validated(options).Logger)
    {
        _options = options.Clone();
        _options.Swarm?.ApplyTo(_options);
        _strategy = _options.StrategyFactory is { } newStrategy
            ? newStrategy(_options.Seed) ?? throw new InvalidOperationException("SimulationOptions.StrategyFactory returned null; return a strategy, or set the factory to null for FIFO.")
            : FifoStrategy.Instance;
        Clock = new VirtualClock(_options.StartTime);
        _timeProvider = new LoopTimeProvider(this, Clock.Start);
        Trace = new ScheduleTrace(_options.RecordTrace);
        if (_options.TracksShape && _options.RecordTrace)
        {
            Trace.Shape = new Exploration.TraceShape();
        }

        Recorder = new TraceRecorder(Trace);
        _choices = new ChoiceRecorder(_options.RecordTrace, _options.ChoiceReplay, _options.ChoiceBias);
        Random = GetRandom(RandomStreams.User);
        _watchdog = _options.BlockingStepTimeout is { } timeout ? new BlockingWatchdog(timeout, () => StepCount) : null;
        _escapes = new EscapeControl(this, _options.Seed, _options.EscapeGracePeriod, adoptsThreadPoolWork: _options.AdoptThreadPoolWork);
        _adoption = _options.AdoptThreadPoolWork ? new ThreadPoolAdoption(this) : ThreadPoolAdoption.ForReports(this, _escapes);
        _termination = new RunTermination(this, _escapes, _watchdog, _adoption, _options.MaxSteps);
        SetObserver(new SimulationObserver(this, new StepTracer(this), _termination));
        SetForeignThreadPolicy(_escapes);
    }

    private static SimulationOptions Validated(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <summary>
    /// The simulated loop the calling thread runs for: the loop whose step is running on this thread, or whose adopted
    /// thread-pool work this thread runs; null outside a simulation.
    /// </summary>
    public static SimulatedEventLoop? Current => Running as SimulatedEventLoop;

    /// <summary>How many thread-pool work items the loop adopted so far (see <see cref="SimulationOptions.AdoptThreadPoolWork"/>).</summary>
    public long AdoptedWorkCount => _adoption?.AdoptedCount ?? 0;

    internal void ScheduleAdopted(AdoptedWorkItem item) =>
        ScheduleSoon(ThreadPoolAdoption.RunAdopted, item, context: null, owner: item.Owner);

    /// <summary>The seed the run's random streams derive from.</summary>
    public ulong Seed => _options.Seed;

    /// <summary>The strategy choosing among ready steps.</summary>
    public IScheduleStrategy Strategy => _strategy;

    /// <summary>The virtual clock.</summary>
    public VirtualClock Clock { get; }

    /// <summary>What the run did so far.</summary>
    public ScheduleTrace Trace { get; }

    /// <summary>The only writer of <see cref="Trace"/>.</summary>
    internal TraceRecorder Recorder { get; }

    /// <summary>A random stream for user code, derived from the seed (stream <see cref="RandomStreams.User"/>); every draw is a recorded choice.</summary>
    public Random Random { get; }

    /// <inheritdoc/>
    public override long NowTicks => Clock.NowTicks;

    /// <inheritdoc/>
    public override TimeProvider TimeProvider => _timeProvider;

    /// <summary>
    /// A random stream for <paramref name="concern"/> over a 64-bit generator seeded by all 64 bits of
    /// <see cref="SeedDerivation.Derive"/>; every draw is a choice of the run's recorded sequence (and, when the run
    /// replays a sequence, comes from it). Two calls with the same concern give streams with the same numbers.
    /// </summary>
    /// <param name="concern">A stable name for what the numbers are used for (see <see cref="RandomStreams"/>).</param>
    public Random GetRandom(string concern)
    {
        ArgumentNullException.ThrowIfNull(concern);
        return new RecordedRandom(concern, SeedDerivation.Derive(_options.Seed, concern), _choices);
    }

    /// <summary>The run's choice recorder (every draw and scheduler pick, in order).</summary>
    internal ChoiceRecorder Choices => _choices;

    /// <summary>
    /// Runs the loop until virtual time reaches <paramref name="duration"/> from now, firing every timer due until
    /// then at its own due time and running every continuation, until nothing is ready and no timer is due by then;
    /// then the clock shows exactly that time. May be called from a loop callback (not from a task step) to advance
    /// time further: nested advances work, also past the outer call's target (the outer call then returns at once).
    /// </summary>
    /// <param name="duration">How long to advance; zero runs what is ready now.</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or infinite.</exception>
    public void RunFor(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Virtual time only moves forward: pass a duration of zero or more.");
        }

        long target = duration.Ticks > long.MaxValue - NowTicks ? long.MaxValue : NowTicks + duration.Ticks;
        RunUntilSettled(target);
    }

    /// <inheritdoc/>
    private protected override long LastTick => Clock.MaxTicks;

    /// <inheritdoc/>
    public override void DefaultExceptionHandler(ExceptionContext context)
    {
        base.DefaultExceptionHandler(context);
        if (_options.FailOnUnhandledException && !_termination.HasPendingFailure)
        {
            string where = context.Handle is null ? "" : $" (in {context.Handle})";
            _termination.LatchFailure(new UnhandledLoopException(
                $"{context.Message}{where}: {context.Exception?.GetType().Name}: {context.Exception?.Message}. " +
                "Handle the exception in the callback, or set SimulationOptions.FailOnUnhandledException = false to only log it.",
                context.Exception));
        }
    }

    /// <inheritdoc/>
    protected override void WaitForEvents(long? timeoutTicks)
    {
        if (timeoutTicks is { } timeout && timeout <= Clock.MaxTicks - NowTicks)
        {
            AdvanceClockTo(NowTicks + timeout);
            return;
        }

        // No timer, or only timers due past the end of virtual time (CallLater(TimeSpan.MaxValue)): they never fire.

        if (HasThreadSafeCallbacks)
        {
            return;
        }

        // What the pending tasks await is known from the loop's own state, whatever the other threads did so far, so it
        // is looked at first: the report is then the same on every run.
        _escapes.WaitForEscapedWork(HasThreadSafeCallbacks);
        _escapes.ThrowIfEscaped();
        if (HasThreadSafeCallbacks)
        {
            return;
        }

        _escapes.ThrowIfEscaped();
        throw CreateDeadlockException();
    }

    /// <inheritdoc/>
    protected override void WriteToSelf() => _escapes.SignalForeignWork();

    /// <summary>The id of the task whose step runs now, or 0.</summary>
    internal long CurrentTaskId() => CurrentTask is { } t ? TaskIdOf(t) : 0;

    private void AdvanceClockTo(long ticks)
    {
        if (ticks == NowTicks)
        {
            return;
        }

        if (_options.MaxVirtualTime is { } max && ticks > max.Ticks)
        {
            throw new SimulationLimitException($"The run reached its bound of {max} of virtual time (seed {Seed}, {StepCount} steps); the next timer is due at {TimeSpan.FromTicks(ticks)}. Raise SimulationOptions.MaxVirtualTime if the workload needs more.");
        }

        Clock.AdvanceTo(ticks);
        Recorder.ClockAdvanced(ticks);
    }

    private DeadlockException CreateDeadlockException()
    {
        var lines = new List<string>();
        foreach (ILoopTask task in AllTasks())
        {
            lines.Add($"{task.Name}: {task.DescribeWait()?.Description ?? "waiting (unknown)"}");
        }

        string list = lines.Count == 0 ? "  (no pending tasks)" : "  " + string.Join("\n  ", lines);
        return new DeadlockException(
            $"Deadlock at virtual time {Clock.Elapsed} after {StepCount} steps (seed {Seed}): nothing is ready, no timer is pending, and the run is not done. Pending tasks:\n{list}",
            lines);
    }
}
