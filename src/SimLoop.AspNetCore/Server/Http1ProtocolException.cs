namespace SimLoop.AspNetCore.Server;

/// <summary>A request the server cannot parse: it answers 400 and closes the connection, as Kestrel does.</summary>
internal sealed class Http1ProtocolException(string message) : Exception(message);
