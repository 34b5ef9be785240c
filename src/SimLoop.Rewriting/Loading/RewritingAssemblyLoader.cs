using System.Reflection;

namespace SimLoop.Rewriting.Loading;

/// <summary>
/// Load-time rewriting, for tools that load code under test by path (the explorer's <c>--assembly</c>): the
/// assembly and the user or third-party dependencies it loads from its folder are rewritten into a cache folder
/// (keyed by content hash, so each is rewritten once) and loaded in their own load context; framework and SimLoop
/// assemblies come from the caller's context unchanged.
/// </summary>
public static class RewritingAssemblyLoader
{
    private static readonly Dictionary<string, RewritingLoadContextEntry> s_contexts = new(StringComparer.Ordinal);
    private static readonly Lock s_gate = new();

    /// <summary>The default cache folder: <c>simloop-rewrite-cache</c> under the user's temporary folder.</summary>
    public static string DefaultCacheDirectory => Path.Combine(Path.GetTempPath(), "simloop-rewrite-cache");

    /// <summary>
    /// Loads the rewritten form of the assembly at <paramref name="path"/>. Loading the same path again returns the
    /// same assembly; assemblies of one folder share one load context.
    /// </summary>
    /// <param name="path">A user or third-party assembly (.dll).</param>
    /// <param name="cacheDirectory">Where rewritten copies go; null for <see cref="DefaultCacheDirectory"/>.</param>
    /// <returns>The loaded, rewritten assembly.</returns>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="NotSupportedException">The assembly is a framework or SimLoop assembly (load those normally).</exception>
    public static Assembly Load(string path, string? cacheDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"No assembly at {fullPath}: pass the path of a built .dll.", fullPath);
        }

        string folder = Path.GetDirectoryName(fullPath)!;
        string cache = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory);
        RewritingLoadContext context;
        lock (s_gate)
        {
            string key = folder + "|" + cache;
            if (!s_contexts.TryGetValue(key, out RewritingLoadContextEntry? entry))
            {
                entry = new RewritingLoadContextEntry(new RewritingLoadContext(folder, new RewriteCache(cache, new AssemblyRewriter())));
                s_contexts.Add(key, entry);
            }

            context = entry.Context;
        }

        AssemblyName name = AssemblyName.GetAssemblyName(fullPath);
        foreach (Assembly loaded in context.Assemblies)
        {
            if (string.Equals(loaded.GetName().Name, name.Name, StringComparison.Ordinal))
            {
                return loaded;
            }
        }

        return context.LoadRewritten(fullPath);
    }

    private sealed record RewritingLoadContextEntry(RewritingLoadContext Context);
}
