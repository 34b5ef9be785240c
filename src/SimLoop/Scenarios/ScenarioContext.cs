using SimLoop.Networking;

namespace SimLoop.Scenarios;

/// <summary>What a scenario runs on: the loop, its network, and whether to run the fixed variant of the system.</summary>
public sealed class ScenarioContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="loop">The loop of this iteration.</param>
    /// <param name="fixedVariant">Run the system with its bug fixed (the explorer's <c>--fixed</c>).</param>
    public ScenarioContext(SimulatedEventLoop loop, bool fixedVariant)
    {
        ArgumentNullException.ThrowIfNull(loop);
        Loop = loop;
        Fixed = fixedVariant;
    }

    /// <summary>The loop.</summary>
    public SimulatedEventLoop Loop { get; }

    /// <summary>Whether the fixed variant runs.</summary>
    public bool Fixed { get; }

    /// <summary>The loop's time provider.</summary>
    public TimeProvider Time => Loop.TimeProvider;

    /// <summary>The seeded random stream for the scenario's own choices (workload shape, timeouts).</summary>
    public Random Random => Loop.Random;

    /// <summary>The simulated network of this iteration (the loop's), created on first use.</summary>
    public VirtualNetwork Network => Loop.Network;
}
