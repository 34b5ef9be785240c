using System.Net;

namespace SimLoop;

/// <summary>
/// A listening socket as a loop's socket hooks hand it around: created by the listen hook, served and closed by the
/// serving hooks, kept by its <see cref="Transports.LoopServer"/>.
/// </summary>
public interface ILoopListener
{
    /// <summary>The endpoint the listener is bound to (with the port chosen when 0 was asked).</summary>
    EndPoint LocalEndPoint { get; }
}
