using System.Net.Sockets;

namespace SimLoop.Scenarios.Catalogue.Wire;

/// <summary>The exceptions a peer's crash, reset or a cancelled wait show up as.</summary>
internal static class ConnectionErrors
{
    public static bool IsConnectionFailure(Exception exception) =>
        exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException;
}
