using System.Runtime.CompilerServices;
using SimLoop.Exploration;
using Xunit;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>
/// Marks a simulation test: a method <c>async Task M(SimulatedEventLoop loop, CancellationToken ct)</c> (the
/// parameters may be <see cref="SimulatedEventLoop"/>, <see cref="Scenarios.ScenarioContext"/> and
/// <see cref="CancellationToken"/>, in any order) that runs for <see cref="Iterations"/> seeds through
/// <see cref="Simulation.Explore(Func{SimulatedEventLoop, CancellationToken, Task}, ExplorationOptions?, string)"/>.
/// A failure fails the test with a <see cref="SimulationFailureException"/> whose message has the seed, the minimised
/// schedule and the replay line; <c>SIMLOOP_SEED</c>/<c>SIMLOOP_REPLAY</c> apply to this test only when
/// <c>SIMLOOP_TEST</c> names it (its full name, <c>Namespace.Class.Method</c>, as the replay line prints it). The
/// test class instance is shared by all iterations: keep the state under test inside the method.
/// </summary>
[XunitTestCaseDiscoverer(typeof(SimulationFactDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SimulationFactAttribute : FactAttribute, ISimulationAttribute
{
    /// <summary>Creates the attribute (the compiler fills in the source location).</summary>
    /// <param name="sourceFilePath">The file of the test method.</param>
    /// <param name="sourceLineNumber">The line of the test method.</param>
    public SimulationFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
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
