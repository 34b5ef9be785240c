namespace SimLoop.Rewriting;

/// <summary>The assemblies the rewriter refuses: the framework's and SimLoop's own.</summary>
public static class ProtectedAssemblies
{
    /// <summary>
    /// Whether <paramref name="assemblyName"/> is a framework assembly (<c>System</c>, <c>System.*</c>,
    /// <c>Microsoft.*</c>, <c>mscorlib</c>, <c>netstandard</c>, <c>WindowsBase</c>).
    /// </summary>
    /// <param name="assemblyName">The simple assembly name.</param>
    public static bool IsFramework(string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        return assemblyName is "System" or "mscorlib" or "netstandard" or "WindowsBase"
            || assemblyName.StartsWith("System.", StringComparison.Ordinal)
            || assemblyName.StartsWith("Microsoft.", StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="assemblyName"/> is one of SimLoop's own (whose code is the loop, not code under test).</summary>
    /// <param name="assemblyName">The simple assembly name.</param>
    public static bool IsSimLoop(string assemblyName) =>
        assemblyName is "SimLoop" or "SimLoop.Interception" or "SimLoop.Rewriting" or "VirtualNetwork";

    /// <summary>Whether the rewriter refuses <paramref name="assemblyName"/>.</summary>
    /// <param name="assemblyName">The simple assembly name.</param>
    public static bool IsRefused(string assemblyName) => IsFramework(assemblyName) || IsSimLoop(assemblyName);
}
