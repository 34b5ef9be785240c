using Mono.Cecil;
using SimLoop.Interception;

namespace SimLoop.Rewriting.Catalog;

/// <summary>
/// What the rewriter redirects, read from the <c>SimLoop.Interception</c> assembly itself: every shim declares the
/// member it replaces (<c>[Intercepts]</c>) or the types it guards (<c>[GuardsType]</c>), so the table and the
/// shims cannot drift apart.
/// </summary>
internal sealed class InterceptionCatalog
{
    private const string InterceptsAttributeName = "SimLoop.Interception.InterceptsAttribute";
    private const string GuardsTypeAttributeName = "SimLoop.Interception.GuardsTypeAttribute";

    private static readonly Lazy<InterceptionCatalog> s_defaultCatalog = new(() => Load(typeof(RewrittenBySimLoopAttribute).Assembly.Location));

    private InterceptionCatalog(ModuleDefinition module)
    {
        Module = module;
        var intercepts = new Dictionary<string, MethodDefinition>(StringComparer.Ordinal);
        var guards = new Dictionary<string, TypeGuard>(StringComparer.Ordinal);
        foreach (TypeDefinition type in module.GetTypes())
        {
            foreach (MethodDefinition method in type.Methods)
            {
                foreach (CustomAttribute attribute in method.CustomAttributes)
                {
                    if (attribute.AttributeType.FullName == InterceptsAttributeName)
                    {
                        intercepts.Add((string)attribute.ConstructorArguments[0].Value, method);
                    }
                    else if (attribute.AttributeType.FullName == GuardsTypeAttributeName)
                    {
                        guards.Add((string)attribute.ConstructorArguments[0].Value, new TypeGuard(method, (bool)attribute.ConstructorArguments[1].Value));
                    }
                }
            }
        }

        Intercepts = intercepts;
        Guards = guards;
        MarkerConstructor = module.GetType(typeof(RewrittenBySimLoopAttribute).FullName).Methods.Single(m => m.IsConstructor && !m.IsStatic);
    }

    /// <summary>The catalogue of the <c>SimLoop.Interception</c> assembly next to this one.</summary>
    public static InterceptionCatalog Default => s_defaultCatalog.Value;

    /// <summary>The interception module.</summary>
    public ModuleDefinition Module { get; }

    /// <summary>Member key → the shim that replaces every call site of it.</summary>
    public IReadOnlyDictionary<string, MethodDefinition> Intercepts { get; }

    /// <summary>Type full name → the guard called before its constructors (and methods).</summary>
    public IReadOnlyDictionary<string, TypeGuard> Guards { get; }

    /// <summary>The constructor of the marker attribute.</summary>
    public MethodDefinition MarkerConstructor { get; }

    /// <summary>The full name of the marker attribute.</summary>
    public static string MarkerAttributeName => typeof(RewrittenBySimLoopAttribute).FullName!;

    /// <summary>Reads the catalogue from an interception assembly.</summary>
    /// <param name="interceptionAssemblyPath">The path of <c>SimLoop.Interception.dll</c>.</param>
    public static InterceptionCatalog Load(string interceptionAssemblyPath) =>
        new(ModuleDefinition.ReadModule(interceptionAssemblyPath, new ReaderParameters { ReadingMode = ReadingMode.Immediate, InMemory = true }));
}

/// <summary>A guard method and what it guards.</summary>
/// <param name="Guard">The guard (static, takes the API's key).</param>
/// <param name="ConstructorsOnly">Whether only constructor calls are guarded.</param>
internal sealed record TypeGuard(MethodDefinition Guard, bool ConstructorsOnly);
