namespace SimLoop.Exploration;

/// <summary>
/// How <see cref="Simulation.Explore(Func{SimulatedEventLoop, CancellationToken, Task}, ExplorationOptions?, string)"/> runs a body over many seeds. Values are validated where they are set, with
/// the argument's name. Iteration <c>i</c> of shard <c>s</c> of <c>n</c> runs the seed of global index
/// <c>i·n + s</c>, derived from <see cref="BaseSeed"/>; the seeds, and so the failures, do not depend on
/// <see cref="DegreeOfParallelism"/>.
/// </summary>
public sealed class ExplorationOptions
{
    private int _iterations = 100;
    private int _pctDepth = 3;
    private int _preemptionBound = 2;
    private int? _pctExpectedSteps;
    private long? _maxSteps = 100_000;
    private TimeSpan? _maxVirtualTime;
    private int _degreeOfParallelism = 1;
    private int _shardIndex;
    private int _shardCount = 1;
    private int _shrinkBudget = 1000;
    private SimulationOptions _simulation = new();

    /// <summary>How many iterations (seeds) to run in this shard (default 100).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Iterations { get => _iterations; set => _iterations = AtLeast(value, 1, nameof(value)); }

    /// <summary>The strategy (default <see cref="ExplorationStrategy.Portfolio"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined strategy.</exception>
    public ExplorationStrategy Strategy
    {
        get;
        set => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined ExplorationStrategy.");
    } = ExplorationStrategy.Portfolio;

    /// <summary>The bug depth PCT targets with <see cref="ExplorationStrategy.Pct"/> (default 3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int PctDepth { get => _pctDepth; set => _pctDepth = AtLeast(value, 1, nameof(value)); }

    /// <summary>
    /// k, the number of decisions PCT expects a run to make; null (the default) measures it with one FIFO run of
    /// the body before the exploration (deterministic, so the same for every shard and for a single-seed rerun).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? PctExpectedSteps { get => _pctExpectedSteps; set => _pctExpectedSteps = value is { } v ? AtLeast(v, 1, nameof(value)) : null; }

    /// <summary>
    /// The most preemptions a schedule may have in <see cref="ExplorationStrategy.Exhaustive"/> search (default 2). On a
    /// cooperative loop a preemption is a choice other than FIFO's: running some ready step before the oldest one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int PreemptionBound { get => _preemptionBound; set => _preemptionBound = AtLeast(value, 0, nameof(value)); }

    /// <summary>The seed every iteration's seed is derived from (default 0).</summary>
    public ulong BaseSeed { get; set; }

    /// <summary>A run that takes more steps fails with <see cref="SimulationLimitException"/> (default 100 000; null for no bound).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long? MaxSteps { get => _maxSteps; set => _maxSteps = value is { } v ? AtLeast(v, 1, nameof(value)) : null; }

    /// <summary>A run that passes this much virtual time fails with <see cref="SimulationLimitException"/> (null, the default, for no bound).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? MaxVirtualTime
    {
        get => _maxVirtualTime;
        set => _maxVirtualTime = value is { } v && v <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "MaxVirtualTime must be positive, or null for no bound.") : value;
    }

    /// <summary>How many seeds run at once, each on its own thread with its own loop (default 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int DegreeOfParallelism { get => _degreeOfParallelism; set => _degreeOfParallelism = AtLeast(value, 1, nameof(value)); }

    /// <summary>Which slice of the seed space this process runs, from 0 (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int ShardIndex { get => _shardIndex; set => _shardIndex = AtLeast(value, 0, nameof(value)); }

    /// <summary>Into how many disjoint slices the seed space is cut (default 1). <see cref="ShardIndex"/> must be below it when exploring.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int ShardCount { get => _shardCount; set => _shardCount = AtLeast(value, 1, nameof(value)); }

    /// <summary>Stop at the first failing iteration (true, the default) or run all and report every failure.</summary>
    public bool StopOnFirstFailure { get; set; } = true;

    /// <summary>Throw <see cref="SimulationFailureException"/> when an iteration fails (true, the default), or return the failures in the result.</summary>
    public bool ThrowOnFailure { get; set; } = true;

    /// <summary>Minimise the first failure's schedule (default true).</summary>
    public bool Shrink { get; set; } = true;

    /// <summary>At most this many replays while shrinking (default 1000).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int ShrinkBudget { get => _shrinkBudget; set => _shrinkBudget = AtLeast(value, 0, nameof(value)); }

    /// <summary>Run every seed twice and fail with <see cref="NondeterminismException"/> if the traces differ (madsim's check).</summary>
    public bool CheckDeterminism { get; set; }

    /// <summary>Where failure traces are written as JSON (default <c>simloop-failures</c>); null to write none.</summary>
    public string? FailureFolder { get; set; } = "simloop-failures";

    /// <summary>Honour <c>SIMLOOP_SEED</c> and <c>SIMLOOP_REPLAY</c> from the environment (default true).</summary>
    public bool HonourEnvironment { get; set; } = true;

    /// <summary>Run only this seed (what <c>SIMLOOP_SEED</c> sets); null to explore.</summary>
    public ulong? OnlySeed { get; set; }

    /// <summary>Replay only this trace file (what <c>SIMLOOP_REPLAY</c> sets); null to explore.</summary>
    public string? ReplayFile { get; set; }

    /// <summary>Called after every iteration, on the thread that ran it, never concurrently.</summary>
    public Action<ExplorationProgress>? Progress { get; set; }

    /// <summary>The loop options every run starts from (seed, strategy and bounds are set per run).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public SimulationOptions Simulation { get => _simulation; set => _simulation = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>A copy of these options (the <see cref="Simulation"/> options copied too).</summary>
    public ExplorationOptions Clone()
    {
        var copy = (ExplorationOptions)MemberwiseClone();
        copy._simulation = _simulation.Clone();
        return copy;
    }

    private static T AtLeast<T>(T value, T minimum, string name)
        where T : IComparable<T> =>
        value.CompareTo(minimum) < 0 ? throw new ArgumentOutOfRangeException(name, value, $"Must be at least {minimum}.") : value;
}
