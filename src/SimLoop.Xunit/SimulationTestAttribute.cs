using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Xunit;

/// <summary>
/// The exploration settings shared by <see cref="SimulationFactAttribute"/> and <see cref="SimulationTheoryAttribute"/>:
/// how many seeds, which strategy, the bounds, shrinking and where failure traces go. Not used on its own.
/// </summary>
public abstract class SimulationTestAttribute : FactAttribute, ISimulationAttribute
{
    /// <summary>Creates the attribute with the test method's source location.</summary>
    /// <param name="sourceFilePath">The file of the test method.</param>
    /// <param name="sourceLineNumber">The line of the test method.</param>
    private protected SimulationTestAttribute(string? sourceFilePath, int sourceLineNumber)
        : base(sourceFilePath, sourceLineNumber)
    {
    }

    /// <summary>How many iterations (seeds) to explore (default 100; at least 1).</summary>
    public int Iterations { get => Settings.Iterations; set => Settings.Iterations = value; }

    /// <summary>The schedule strategy (default <see cref="ExplorationStrategy.Portfolio"/>).</summary>
    public ExplorationStrategy Strategy { get => Settings.Strategy; set => Settings.Strategy = value; }

    /// <summary>The seed every iteration's seed is derived from (default 0).</summary>
    public ulong BaseSeed { get => Settings.BaseSeed; set => Settings.BaseSeed = value; }

    /// <summary>A run taking more loop steps fails with <see cref="SimulationLimitException"/> (default 100 000; 0 for no bound).</summary>
    public long MaxSteps { get => Settings.MaxSteps; set => Settings.MaxSteps = value; }

    /// <summary>A run passing this much virtual time fails with <see cref="SimulationLimitException"/> (default 0: no bound).</summary>
    public long MaxVirtualTimeMilliseconds { get => Settings.MaxVirtualTimeMilliseconds; set => Settings.MaxVirtualTimeMilliseconds = value; }

    /// <summary>The bug depth PCT targets (default 3).</summary>
    public int PctDepth { get => Settings.PctDepth; set => Settings.PctDepth = value; }

    /// <summary>How many seeds run at once, each on its own thread and loop (default 1).</summary>
    public int DegreeOfParallelism { get => Settings.DegreeOfParallelism; set => Settings.DegreeOfParallelism = value; }

    /// <summary>Minimise the failing schedule (default true).</summary>
    public bool Shrink { get => Settings.Shrink; set => Settings.Shrink = value; }

    /// <summary>At most this many replays while shrinking (default 1000).</summary>
    public int ShrinkBudget { get => Settings.ShrinkBudget; set => Settings.ShrinkBudget = value; }

    /// <summary>Run every seed twice and fail if the traces differ (default false).</summary>
    public bool CheckDeterminism { get => Settings.CheckDeterminism; set => Settings.CheckDeterminism = value; }

    /// <summary>Where failure traces are written, relative to the test's working directory (default <c>simloop-failures</c>; null or empty for none).</summary>
    public string? FailureFolder { get => Settings.FailureFolder; set => Settings.FailureFolder = value; }

    /// <inheritdoc/>
    SimulationSettings ISimulationAttribute.Settings => Settings;

    private SimulationSettings Settings { get; } = new();
}
