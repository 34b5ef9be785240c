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
        if (name is null || ProtectedAssemblies.IsRefused(name))
        {
            return null; // the default context: the framework, and SimLoop's types shared with the caller
        }

        string candidate = Path.Combine(sourceDirectory, name + ".dll");
        return File.Exists(candidate) ? LoadRewritten(candidate) : null;
    }
}
