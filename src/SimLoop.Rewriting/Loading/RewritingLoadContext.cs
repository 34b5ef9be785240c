using System.Reflection;
using System.Runtime.Loader;

namespace SimLoop.Rewriting.Loading;

/// <summary>
/// An <see cref="AssemblyLoadContext"/> that loads user and third-party assemblies from one folder as rewritten
/// copies (through a <see cref="RewriteCache"/>), and leaves the framework and SimLoop's own assemblies to the
/// default context, so the code under test shares SimLoop's types with the caller.
/// </summary>
internal sealed class RewritingLoadContext(string sourceDirectory, RewriteCache cache)
    : AssemblyLoadContext($"SimLoop.Rewriting:{sourceDirectory}", isCollectible: false)
{
    /// <summary>Loads the rewritten copy of the assembly at <paramref name="path"/>.</summary>
    /// <param name="path">A user or third-party assembly in the source folder.</param>
    public Assembly LoadRewritten(string path) => LoadFromAssemblyPath(cache.GetOrRewrite(path));

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string? name = assemblyName.Name;
        if (name is null)
        {
            return null;
        }

        string candidate = Path.Combine(sourceDirectory, name + ".dll");
        if (ProtectedAssemblies.IsRefused(name))
        {
            // The framework and SimLoop come from the default context (so SimLoop's types are shared with the
            // caller); a framework-named package only the code under test ships (Microsoft.Extensions.*) is loaded
            // from its folder, unchanged.
            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException) when (File.Exists(candidate))
            {
                return LoadFromAssemblyPath(candidate);
            }
        }

        return File.Exists(candidate) ? LoadRewritten(candidate) : null;
    }
}
