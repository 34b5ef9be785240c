using System.Security.Cryptography;

namespace SimLoop.Rewriting.Loading;

/// <summary>
/// Rewritten copies of assemblies in a cache folder keyed by the input's content hash and the rewriter's version,
/// so an unchanged assembly is rewritten once and a changed one never reuses a stale copy. Safe across processes:
/// each copy is written to a temporary file and moved into place.
/// </summary>
internal sealed class RewriteCache(string directory, AssemblyRewriter rewriter)
{
    private readonly Lock _gate = new();

    /// <summary>The cache folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The path of the rewritten copy of <paramref name="assemblyPath"/>, rewriting it when not cached yet.</summary>
    /// <param name="assemblyPath">A user or third-party assembly.</param>
    public string GetOrRewrite(string assemblyPath)
    {
        string key = KeyOf(assemblyPath);
        string target = Path.Combine(Directory, key, Path.GetFileName(assemblyPath));
        lock (_gate)
        {
            if (!File.Exists(target))
            {
                rewriter.Rewrite(assemblyPath, target);
            }
        }

        return target;
    }

    private static string KeyOf(string assemblyPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(assemblyPath));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(AssemblyRewriter.Version));
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 12));
    }
}
