namespace SimLoop.Rewriting.Diagnostics;

/// <summary>
/// Something the rewriter could not (or chose not to) rewrite: a construct that stays outside SimLoop's control inside
/// a simulation, named by the method that contains it and the reason.
/// </summary>
/// <param name="Code">A stable code (<c>SLR001</c>...), listed in the rewriting README.</param>
/// <param name="Severity">Whether it leaves something uncontrolled (<see cref="RewriteSeverity.Warning"/>) or is informational.</param>
/// <param name="Method">The full name of the method containing the construct, or the assembly for assembly-wide notes.</param>
/// <param name="Message">What is not rewritten and why, with the fix.</param>
public sealed record RewriteDiagnostic(string Code, RewriteSeverity Severity, string Method, string Message)
{
    /// <summary>The diagnostic as MSBuild recognises it in tool output (<c>path : warning SLR001: method: message</c>).</summary>
    /// <param name="path">The assembly the diagnostic is about.</param>
    /// <returns>The line.</returns>
    public string ToMSBuildLine(string path) =>
        $"{path} : {(Severity == RewriteSeverity.Warning ? "warning" : "message")} {Code}: {Method}: {Message}";

    /// <inheritdoc/>
    public override string ToString() => $"{Code} {Severity}: {Method}: {Message}";
}

/// <summary>How much a <see cref="RewriteDiagnostic"/> matters.</summary>
public enum RewriteSeverity
{
    /// <summary>Informational: nothing is left uncontrolled.</summary>
    Info,

    /// <summary>Something stays outside SimLoop's control inside a simulation.</summary>
    Warning,
}
