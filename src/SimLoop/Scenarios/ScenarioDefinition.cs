using System.Reflection;

namespace SimLoop.Scenarios;

/// <summary>One scenario found by <see cref="ScenarioCatalog"/>: its attribute's settings and the method to run.</summary>
public sealed class ScenarioDefinition
{
    private readonly Func<ScenarioContext, CancellationToken, Task> _run;

    internal ScenarioDefinition(ScenarioAttribute attribute, MethodInfo method)
    {
        Attribute = attribute;
        Method = method;
        _run = method.CreateDelegate<Func<ScenarioContext, CancellationToken, Task>>();
    }

    /// <summary>The name used on the command line.</summary>
    public string Name => Attribute.Name;

    /// <summary>One line saying what the system is and what goes wrong.</summary>
    public string Description => Attribute.Description;

    /// <summary>The documented iteration budget within which the default exploration finds the bug.</summary>
    public int Budget => Attribute.Budget;

    /// <summary>The attribute the scenario was declared with.</summary>
    public ScenarioAttribute Attribute { get; }

    /// <summary>The scenario method.</summary>
    public MethodInfo Method { get; }

    /// <summary>The body an exploration runs: a fresh <see cref="ScenarioContext"/> on each loop.</summary>
    /// <param name="fixedVariant">Run the system with its bug fixed.</param>
    public Func<SimulatedEventLoop, CancellationToken, Task> Body(bool fixedVariant) =>
        (loop, ct) => _run(new ScenarioContext(loop, fixedVariant), ct);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
