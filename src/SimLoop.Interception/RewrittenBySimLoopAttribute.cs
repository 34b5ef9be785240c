namespace SimLoop.Interception;

/// <summary>
/// Marks an assembly whose call sites SimLoop's rewriter has redirected to the shims of this library. The rewriter
/// never rewrites an assembly that carries it, so running the rewrite twice leaves the first result unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class RewrittenBySimLoopAttribute : Attribute
{
    /// <summary>Creates the marker.</summary>
    /// <param name="rewriterVersion">The version of the rewriter that produced the assembly.</param>
    public RewrittenBySimLoopAttribute(string rewriterVersion)
    {
        RewriterVersion = rewriterVersion;
    }

    /// <summary>The version of the rewriter that produced the assembly.</summary>
    public string RewriterVersion { get; }
}
