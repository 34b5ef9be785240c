namespace SimLoop.Scenarios;

/// <summary>
/// Marks a method as a scenario the explorer can run: <c>static Task M(ScenarioContext context, CancellationToken ct)</c>.
/// The method builds a system on the context's loop and network, drives a workload, and throws (for example
/// <see cref="InvariantViolationException"/>) when an invariant is broken.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ScenarioAttribute : Attribute
{
    /// <summary>Names a scenario.</summary>
    /// <param name="name">The name used on the command line, for example <c>lost-update</c>.</param>
    public ScenarioAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name used on the command line.</summary>
    public string Name { get; }

    /// <summary>One line saying what the system is and what goes wrong.</summary>
    public string Description { get; init; } = "";

    /// <summary>How many iterations the default exploration needs at most to find the bug (documented budget).</summary>
    public int Budget { get; init; } = 1000;

    /// <summary>A bound on steps per iteration; 0 for the explorer's default.</summary>
    public long MaxSteps { get; init; }

    /// <summary>A bound on virtual time per iteration, in seconds; 0 for the explorer's default.</summary>
    public double MaxVirtualSeconds { get; init; }
}
