using System.Net;

namespace SimLoop;

/// <summary>A bound datagram socket as a loop's socket hooks hand it around: created by one hook, wrapped in a transport by another.</summary>
public interface ILoopDatagramSocket
{
    /// <summary>The endpoint the socket is bound to, when known.</summary>
    EndPoint? LocalEndPoint { get; }
}
