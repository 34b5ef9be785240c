using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>The exceptions real .NET sockets and network streams throw, with the right <see cref="SocketError"/>.</summary>
internal static class SocketErrors
{
    /// <summary>A <see cref="SocketException"/>, as sockets, listeners and connects throw.</summary>
    public static SocketException Socket(SocketError error) => new((int)error);

    /// <summary>An <see cref="IOException"/> wrapping a <see cref="SocketException"/>, as <c>NetworkStream</c> throws.</summary>
    public static IOException Stream(SocketError error, string operation)
    {
        SocketException inner = Socket(error);
        return new IOException($"Unable to {operation} the transport connection: {inner.Message} ({error}).", inner);
    }
}
