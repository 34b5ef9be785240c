using System.Net.Sockets;
using SimLoop.Networking;

namespace SimLoop.Hosts;

/// <summary>The .NET way in: streams, servers and pipes from this host.</summary>
public sealed partial class SimulatedHost
{
    /// <summary>
    /// Connects from this host to <paramref name="hostNameOrAddress"/>:<paramref name="port"/>. The stream has
    /// <c>NetworkStream</c> semantics: errors are <see cref="IOException"/>s wrapping a <see cref="SocketException"/>;
    /// <see cref="VirtualStream.ShutdownWrite"/> half-closes and <see cref="VirtualStream.Abort"/> resets.
    /// </summary>
    /// <param name="hostNameOrAddress">The server's host name or address.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The connected stream.</returns>
    /// <exception cref="SocketException">The connect failed (ConnectionRefused, HostNotFound, TimedOut, NetworkDown...).</exception>
    public Task<VirtualStream> OpenConnectionAsync(string hostNameOrAddress, int port, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostNameOrAddress);
        return Network.ConnectAsync(Name, hostNameOrAddress, port, cancellationToken);
    }

    /// <summary>
    /// Listens on <paramref name="port"/> of this host and serves: a host task accepts connections and runs
    /// <paramref name="handler"/> for each one in its own host task; the stream is disposed when the handler ends.
    /// </summary>
    /// <param name="handler">Serves one connection; its token is cancelled when the server is aborted or the host crashes.</param>
    /// <param name="port">The port; 0 for an ephemeral one (see <see cref="SimulatedServer.Port"/>).</param>
    /// <param name="backlog">How many established connections may wait to be accepted.</param>
    /// <returns>The serving server.</returns>
    /// <exception cref="SocketException">The port is in use (AddressAlreadyInUse) or the host is down (NetworkDown).</exception>
    public Task<SimulatedServer> StartServerAsync(Func<Stream, CancellationToken, Task> handler, int port, int backlog = 128)
    {
        ArgumentNullException.ThrowIfNull(handler);
        VirtualListener listener = Network.Listen(Name, port, backlog);
        var server = new SimulatedServer(this, listener, handler);
        server.Start();
        return Task.FromResult(server);
    }

    /// <summary>Connects like <see cref="OpenConnectionAsync"/> and wraps the stream in a loop-scheduled <see cref="SimulatedDuplexPipe"/>.</summary>
    /// <param name="hostNameOrAddress">The server's host name or address.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The pipe.</returns>
    public async Task<SimulatedDuplexPipe> OpenPipeAsync(string hostNameOrAddress, int port, CancellationToken cancellationToken = default)
    {
        VirtualStream stream = await OpenConnectionAsync(hostNameOrAddress, port, cancellationToken);
        return CreatePipe(stream);
    }

    /// <summary>
    /// Wraps a connection in an <see cref="System.IO.Pipelines.IDuplexPipe"/> whose reader and writer are scheduled
    /// on the loop; two host tasks pump bytes between the pipes and the stream.
    /// </summary>
    /// <param name="stream">The connection (for example the one a server handler received).</param>
    /// <returns>The pipe; dispose it to close the connection.</returns>
    public SimulatedDuplexPipe CreatePipe(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var pipe = new SimulatedDuplexPipe(_loop, stream);
        pipe.Start(this);
        return pipe;
    }
}
