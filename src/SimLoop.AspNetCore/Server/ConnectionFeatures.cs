using Microsoft.AspNetCore.Http.Features;

namespace SimLoop.AspNetCore.Server;

/// <summary>Whether the request framed a body (Content-Length or chunked): minimal APIs bind JSON bodies only when it did.</summary>
internal sealed class RequestBodyDetectionFeature(bool canHaveBody) : IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody { get; } = canHaveBody;
}

/// <summary>The request's lifetime: aborted when the connection fails or the host crashes; Abort resets the connection.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last", Justification = "The callback comes last so that call sites read as a block; internal.")]
internal sealed class ConnectionLifetimeFeature(CancellationToken connectionAborted, Action abort) : IHttpRequestLifetimeFeature
{
    public CancellationToken RequestAborted { get; set; } = connectionAborted;

    public void Abort() => abort();
}
