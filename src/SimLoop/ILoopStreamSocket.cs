using System.Net;

namespace SimLoop;

/// <summary>
/// A connected stream socket as a loop's socket hooks hand it around (asyncio's socket object): returned by
/// <see cref="BaseEventLoop"/>'s connect hook or accepted by a listener, then wrapped in a transport. A loop that
/// supports connections implements it over its own sockets.
/// </summary>
public interface ILoopStreamSocket
{
    /// <summary>The socket's local endpoint, when known.</summary>
    EndPoint? LocalEndPoint { get; }
}
