using SimLoop.Rewriting.Diagnostics;

namespace SimLoop.Rewriting;

/// <summary>What one <see cref="AssemblyRewriter.Rewrite"/> did.</summary>
public sealed class RewriteResult
{
    internal RewriteResult(string inputPath, string outputPath, bool alreadyRewritten, int callSitesRewritten, IReadOnlyList<RewriteDiagnostic> diagnostics)
    {
        InputPath = inputPath;
        OutputPath = outputPath;
        AlreadyRewritten = alreadyRewritten;
        CallSitesRewritten = callSitesRewritten;
        Diagnostics = diagnostics;
    }

    /// <summary>The assembly read.</summary>
    public string InputPath { get; }

    /// <summary>The assembly written (the same path for an in-place rewrite).</summary>
    public string OutputPath { get; }

    /// <summary>Whether the input already carried the rewriter's marker, so it was copied (or left) unchanged.</summary>
    public bool AlreadyRewritten { get; }

    /// <summary>How many call sites were redirected to shims or guarded.</summary>
    public int CallSitesRewritten { get; }

    /// <summary>What was not rewritten and why, in the order the rewriter met it (types, then methods, then instructions).</summary>
    public IReadOnlyList<RewriteDiagnostic> Diagnostics { get; }
}
