namespace SimLoop.Rewriting.Catalog;

/// <summary>
/// APIs the rewriter does not redirect (yet) but that would leave the loop's control inside a simulation: each call
/// site gets a rewrite-time diagnostic naming the method and this reason, never silence.
/// </summary>
internal static class UnsupportedApis
{
    private static readonly Dictionary<string, string> s_byType = new(StringComparer.Ordinal)
    {
        ["System.Threading.Thread"] = "starts an OS thread that the loop cannot schedule; use async code (a loop task) instead",
        ["System.Threading.Tasks.Parallel"] = "runs work in parallel on the thread pool, outside the loop's control",
    };

    private static readonly Dictionary<string, string> s_byMember = new(StringComparer.Ordinal)
    {
    };

    /// <summary>The reason a call to <paramref name="typeName"/>'s member <paramref name="memberName"/> (key <paramref name="key"/>) is unsupported, or null.</summary>
    /// <param name="typeName">The declaring type's full name.</param>
    /// <param name="memberName">The member's name.</param>
    /// <param name="key">The member's key.</param>
    public static string? ReasonFor(string typeName, string memberName, string key)
    {
        if (s_byMember.TryGetValue(key, out string? reason))
        {
            return reason;
        }

        // Thread: only creating one is a problem (Thread.CurrentThread, Sleep and friends are not).
        if (typeName == "System.Threading.Thread" && memberName != ".ctor")
        {
            return null;
        }

        return s_byType.GetValueOrDefault(typeName);
    }
}
