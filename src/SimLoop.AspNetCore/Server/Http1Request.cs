namespace SimLoop.AspNetCore.Server;

/// <summary>One parsed HTTP/1.1 request: its start line, its headers in arrival order and its whole body.</summary>
internal sealed class Http1Request
{
    public required string Method { get; init; }

    public required string Target { get; init; }

    public required string Protocol { get; init; }

    public required List<KeyValuePair<string, string>> Headers { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>Whether the client asked to close the connection after this request (or spoke HTTP/1.0 without keep-alive).</summary>
    public required bool Close { get; init; }

    /// <summary>Whether the request framed a body (Content-Length or chunked), as ASP.NET Core's CanHaveBody wants.</summary>
    public required bool HasBody { get; init; }
}
