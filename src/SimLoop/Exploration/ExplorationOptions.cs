using System.Globalization;
using SimLoop.Networking;

namespace SimLoop.Exploration;

/// <summary>
/// How <see cref="Simulation.Explore(Func{SimulatedEventLoop, CancellationToken, Task}, ExplorationOptions?, string)"/>
/// runs a body over many seeds. The properties are plain; the exploration checks them all at once when it starts
/// (<see cref="Validate"/>, the <see cref="Simulation"/> template included), and one
/// <see cref="OptionsValidationException"/> names every invalid one. Iteration <c>i</c> of shard <c>s</c> of
/// <c>n</c> runs the seed of global index <c>i·n + s</c>, derived from <see cref="BaseSeed"/>; the seeds, and so the
/// failures, do not depend on <see cref="DegreeOfParallelism"/>. The per-run bounds (steps, virtual time) are the
/// <see cref="Simulation"/> template's.
/// </summary>
public sealed class ExplorationOptions
{
    /// <summary>How many iterations (seeds) to run in this shard (default 100; at least 1).</summary>
    public int Iterations { get; set; } = 100;

    /// <summary>The strategy (default <see cref="ExplorationStrategy.Portfolio"/>; a defined value).</summary>
    public ExplorationStrategy Strategy { get; set; } = ExplorationStrategy.Portfolio;

    /// <summary>The bug depth PCT targets with <see cref="ExplorationStrategy.Pct"/> (default 3; at least 1).</summary>
    public int PctDepth { get; set; } = 3;

    /// <summary>
    /// k, the number of decisions PCT expects a run to make (at least 1); null (the default) measures it with one FIFO
    /// run of the body before the exploration (deterministic, so the same for every shard and for a single-seed rerun).
    /// </summary>
    public int? PctExpectedSteps { get; set; }

    /// <summary>
    /// The most preemptions a schedule may have in <see cref="ExplorationStrategy.Exhaustive"/> search (default 2; not
    /// negative). On a cooperative loop a preemption is a choice other than FIFO's: running some ready step before the
    /// oldest one.
    /// </summary>
    public int PreemptionBound { get; set; } = 2;

    /// <summary>The seed every iteration's seed is derived from (default 0).</summary>
    public ulong BaseSeed { get; set; }

    /// <summary>How many seeds run at once, each on its own thread with its own loop (default 1; at least 1).</summary>
    public int DegreeOfParallelism { get; set; } = 1;

    /// <summary>Which slice of the seed space this process runs, from 0 to <see cref="ShardCount"/> - 1 (default 0).</summary>
    public int ShardIndex { get; set; }

    /// <summary>Into how many disjoint slices the seed space is cut (default 1; at least 1).</summary>
    public int ShardCount { get; set; } = 1;

    /// <summary>Stop at the first failing iteration (true, the default) or run all and report every failure.</summary>
    public bool StopOnFirstFailure { get; set; } = true;

    /// <summary>Throw <see cref="SimulationFailureException"/> when an iteration fails (true, the default), or return the failures in the result.</summary>
    public bool ThrowOnFailure { get; set; } = true;

    /// <summary>Minimise the first failure's schedule (default true).</summary>
    public bool Shrink { get; set; } = true;

    /// <summary>At most this many replays while shrinking (default 1000; not negative).</summary>
    public int ShrinkBudget { get; set; } = 1000;

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

    /// <summary>
    /// The loop options every run starts from: its bounds (<see cref="SimulationOptions.MaxSteps"/>,
    /// <see cref="SimulationOptions.MaxVirtualTime"/>) and other settings apply to every iteration, while each run's
    /// seed and strategy are the exploration's (the template's <see cref="SimulationOptions.Seed"/> and
    /// <see cref="SimulationOptions.StrategyFactory"/> are not used). Required.
    /// </summary>
    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>
    /// Checks every setting at once, the <see cref="Simulation"/> template's included (as <c>Simulation.Simulation.MaxSteps</c>),
    /// as <c>Simulation.Explore</c> does when it starts; call it to fail earlier.
    /// </summary>
    /// <exception cref="OptionsValidationException">Settings are out of range: one exception (parameter <c>options</c>) names every one.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        problems.AtLeast(nameof(Iterations), Iterations, 1);
        if (!Enum.IsDefined(Strategy))
        {
            problems.Add(nameof(Strategy), string.Create(CultureInfo.InvariantCulture, $"must be a defined ExplorationStrategy ({string.Join(", ", Enum.GetNames<ExplorationStrategy>())}; it is {(int)Strategy})"));
        }

        problems.AtLeast(nameof(PctDepth), PctDepth, 1);
        if (PctExpectedSteps is { } expected)
        {
            problems.AtLeast(nameof(PctExpectedSteps), expected, 1);
        }

        problems.AtLeast(nameof(PreemptionBound), PreemptionBound, 0);
        problems.AtLeast(nameof(DegreeOfParallelism), DegreeOfParallelism, 1);
        problems.AtLeast(nameof(ShardCount), ShardCount, 1);
        if (ShardIndex < 0 || ShardIndex >= Math.Max(ShardCount, 1))
        {
            problems.Add(nameof(ShardIndex), string.Create(CultureInfo.InvariantCulture, $"must be from 0 to ShardCount - 1 ({Math.Max(ShardCount, 1) - 1}; shards are numbered from 0; it is {ShardIndex})"));
        }

        problems.AtLeast(nameof(ShrinkBudget), ShrinkBudget, 0);
        if (Simulation is null)
        {
            problems.Add(nameof(Simulation), "is required (new SimulationOptions() for the defaults)");
        }
        else
        {
            Simulation.CollectProblems(problems, $"{nameof(Simulation)}.");
        }

        problems.ThrowIfAny("options");
    }

    /// <summary>A copy of these options (the <see cref="Simulation"/> options copied too).</summary>
    public ExplorationOptions Clone()
    {
        var copy = (ExplorationOptions)MemberwiseClone();
        copy.Simulation = Simulation?.Clone()!;
        return copy;
    }
}
