namespace SimLoop.Scheduling;

/// <summary>
/// Where a task step runs in the code: the async method it starts or resumes (<c>OrderService.PlaceAsync</c>, never a
/// compiler-generated name) and, when the assembly's portable PDB is at hand, the source line: the method's first line
/// for the task's first step, the line of the <c>await</c> the step resumes after for the others. The
/// <see cref="TraceEntry.Event"/> of a <see cref="TraceEntryKind.Enter"/> entry; the same code gives the same site in
/// any process.
/// </summary>
public sealed class AwaitSite
{
    internal AwaitSite(string method, int line, bool isStart)
    {
        Method = method;
        Line = line;
        IsStart = isStart;
        Id = AwaitSiteRegistry.Intern(this);
    }

    /// <summary>The async method, as <c>Type.Method</c> (a local function as <c>Type.Outer.Local</c>).</summary>
    public string Method { get; }

    /// <summary>The source line, or 0 when no PDB gives it.</summary>
    public int Line { get; }

    /// <summary>This site's number in the <see cref="AwaitSiteRegistry"/> (equal sites share it; never 0).</summary>
    internal int Id { get; }

    /// <summary>True for a task's first step (the method's entry), false for a step that resumes after an await.</summary>
    public bool IsStart { get; }

    /// <summary>The method and line, <c>OrderService.PlaceAsync:42</c> (the method alone when the line is unknown).</summary>
    public string Label => Line > 0 ? $"{Method}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : Method;

    /// <summary>Sites are equal when their method, line and kind are (two runs of the same code give equal sites).</summary>
    /// <param name="obj">The other object.</param>
    public override bool Equals(object? obj) =>
        obj is AwaitSite other && other.Line == Line && other.IsStart == IsStart && string.Equals(other.Method, Method, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Method, Line, IsStart);

    /// <inheritdoc/>
    public override string ToString() => IsStart ? $"starts {Label}" : $"resumes at {Label}";

    /// <summary>
    /// A task's first step, whose method is known only once the step has called the body: one shared instance, which
    /// the trace replaces by the started site when the step ends (a trace keeps no pending object per task).
    /// </summary>
    internal static AwaitSite PendingStart { get; } = new("(not started)", 0, isStart: true);
}
