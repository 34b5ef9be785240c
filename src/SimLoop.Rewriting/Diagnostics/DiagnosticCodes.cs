namespace SimLoop.Rewriting.Diagnostics;

/// <summary>The rewriter's diagnostic codes (documented in the rewriting README).</summary>
internal static class DiagnosticCodes
{
    /// <summary>A call to an API that is not rewritten and leaves the loop's control.</summary>
    public const string UnsupportedApi = "SLR001";

    /// <summary>A delegate to a rewritten instance API, or to a guarded/unsupported one, is created (method group).</summary>
    public const string MethodPointer = "SLR002";

    /// <summary>A constrained call to a rewritten API (a generic receiver).</summary>
    public const string ConstrainedCall = "SLR003";

    /// <summary>A non-virtual call to a rewritten virtual API (a <c>base.</c> call), left as is.</summary>
    public const string BaseCall = "SLR004";

    /// <summary>The address of a rewritten static field is taken.</summary>
    public const string FieldAddress = "SLR005";

    /// <summary>The input's debug symbols could not be read; the output has none.</summary>
    public const string NoSymbols = "SLR010";
}
