using System.Reflection;

namespace SimLoop.Scenarios;

/// <summary>
/// The scenarios of one or more assemblies: every <c>static Task M(ScenarioContext, CancellationToken)</c> marked
/// <see cref="ScenarioAttribute"/>, public or not, sorted by name.
/// </summary>
public sealed class ScenarioCatalog
{
    private readonly SortedDictionary<string, ScenarioDefinition> _scenarios = new(StringComparer.Ordinal);

    /// <summary>Collects the scenarios of <paramref name="assemblies"/>.</summary>
    /// <param name="assemblies">Where to look.</param>
    /// <exception cref="InvalidOperationException">A marked method has the wrong signature, or two scenarios share a name.</exception>
    public ScenarioCatalog(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        const BindingFlags AnyStatic = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (Assembly assembly in assemblies)
        {
            foreach (MethodInfo method in LoadableTypes(assembly).SelectMany(t => t.GetMethods(AnyStatic)))
            {
                if (method.GetCustomAttribute<ScenarioAttribute>() is not { } attribute)
                {
                    continue;
                }

                if (!HasScenarioSignature(method))
                {
                    throw new InvalidOperationException(
                        $"[Scenario(\"{attribute.Name}\")] {method.DeclaringType?.FullName}.{method.Name} must be 'static Task {method.Name}(ScenarioContext context, CancellationToken ct)'.");
                }

                if (!_scenarios.TryAdd(attribute.Name, new ScenarioDefinition(attribute, method)))
                {
                    throw new InvalidOperationException($"Two scenarios are named '{attribute.Name}'.");
                }
            }
        }
    }

    /// <summary>The scenarios, sorted by name.</summary>
    public IReadOnlyCollection<ScenarioDefinition> All => _scenarios.Values;

    /// <summary>Finds a scenario by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="scenario">The scenario, when found.</param>
    public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScenarioDefinition? scenario) =>
        _scenarios.TryGetValue(name, out scenario);

    /// <summary>Loads an assembly from a path and collects its scenarios.</summary>
    /// <param name="path">The assembly's file.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static ScenarioCatalog FromFile(string path) =>
        new([Assembly.LoadFrom(Path.GetFullPath(path))]);

    private static bool HasScenarioSignature(MethodInfo method)
    {
        ParameterInfo[] parameters = method.GetParameters();
        return method.ReturnType == typeof(Task)
            && parameters.Length == 2
            && parameters[0].ParameterType == typeof(ScenarioContext)
            && parameters[1].ParameterType == typeof(CancellationToken)
            && !method.ContainsGenericParameters;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
