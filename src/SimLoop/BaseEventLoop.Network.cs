using System.Net;
using System.Net.Sockets;
using SimLoop.Transports;

namespace SimLoop;

public abstract partial class BaseEventLoop
{
    /// <summary>
    /// Resolves <paramref name="host"/> to endpoints (asyncio's <c>getaddrinfo</c>): a literal IP address skips
    /// resolution; a name goes to <see cref="ResolveHostAsync"/>; the result keeps the resolver's order.
    /// </summary>
    /// <param name="host">A host name or literal address.</param>
    /// <param name="port">The port, 0 to 65535.</param>
    /// <param name="family">Only addresses of this family; <see cref="AddressFamily.Unspecified"/> for all.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <exception cref="SocketException">No address was found (<see cref="SocketError.HostNotFound"/>).</exception>
    public async Task<IReadOnlyList<IPEndPoint>> GetAddrInfoAsync(string host, int port, AddressFamily family = AddressFamily.Unspecified, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        IReadOnlyList<IPAddress> addresses = IPAddress.TryParse(host, out IPAddress? literal)
            ? [literal]
            : await ResolveHostAsync(host, family, cancellationToken);
        var result = new List<IPEndPoint>(addresses.Count);
        foreach (IPAddress address in addresses)
        {
            if (family == AddressFamily.Unspecified || address.AddressFamily == family)
            {
                result.Add(new IPEndPoint(address, port));
            }
        }

        return result.Count > 0 ? result : throw new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>
    /// Opens a stream connection (asyncio's <c>create_connection</c>): checks the arguments, resolves the host, tries
    /// each address in turn through <see cref="SocketConnectAsync"/>, and wraps the first connected socket with
    /// <see cref="MakeSocketTransport"/>. Returns after the protocol's <see cref="IBaseProtocol.ConnectionMade"/> ran.
    /// </summary>
    /// <typeparam name="TProtocol">The protocol type.</typeparam>
    /// <param name="protocolFactory">Creates the protocol.</param>
    /// <param name="host">The host name or literal address.</param>
    /// <param name="port">The port.</param>
    /// <param name="options">Address family and local endpoint; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <exception cref="SocketException">The only error, when every address failed the same way.</exception>
    /// <exception cref="AggregateException">Several addresses failed differently ("Multiple exceptions: ...").</exception>
    public async Task<(ITransport Transport, TProtocol Protocol)> CreateConnectionAsync<TProtocol>(
        Func<TProtocol> protocolFactory, string host, int port, ConnectionOptions? options = null, CancellationToken cancellationToken = default)
        where TProtocol : IBaseProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        CheckClosed();
        options ??= new ConnectionOptions();
        IReadOnlyList<IPEndPoint> endPoints = await GetAddrInfoAsync(host, port, options.Family, cancellationToken);
        var errors = new List<Exception>();
        foreach (IPEndPoint endPoint in endPoints)
        {
            ILoopStreamSocket socket;
            try
            {
                socket = await SocketConnectAsync(endPoint, options, cancellationToken);
            }
            catch (SocketException ex)
            {
                errors.Add(ex);
                continue;
            }

            TProtocol protocol = protocolFactory();
            ITransport transport = await MakeConnectionAsync(socket, protocol, server: null, peer: endPoint);
            return (transport, protocol);
        }

        throw CombineConnectErrors(errors);
    }

    /// <summary>
    /// Listens on every address <paramref name="host"/> resolves to (asyncio's <c>create_server</c>) and, when
    /// <paramref name="startServing"/>, starts accepting: each accepted connection gets a new protocol from
    /// <paramref name="protocolFactory"/> and a transport with <c>"peername"</c> in its extra info.
    /// </summary>
    /// <param name="protocolFactory">Creates one protocol per connection.</param>
    /// <param name="host">The host name or address to bind.</param>
    /// <param name="port">The port; 0 for an ephemeral one.</param>
    /// <param name="backlog">The listen backlog (100 by default).</param>
    /// <param name="startServing">Start accepting now.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The server.</returns>
    public async Task<LoopServer> CreateServerAsync(Func<IBaseProtocol> protocolFactory, string host, int port, int backlog = 100, bool startServing = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backlog);
        CheckClosed();
        IReadOnlyList<IPEndPoint> endPoints = await GetAddrInfoAsync(host, port, AddressFamily.Unspecified, cancellationToken);
        var listeners = new List<ILoopListener>(endPoints.Count);
        var bound = new List<EndPoint>(endPoints.Count);
        foreach (IPEndPoint endPoint in endPoints)
        {
            ILoopListener listener = CreateListeningSocket(endPoint, backlog) ?? throw new InvalidOperationException($"{GetType().Name}.CreateListeningSocket returned null.");
            listeners.Add(listener);
            bound.Add(listener.LocalEndPoint);
        }

        var server = new LoopServer(this, listeners, bound, protocolFactory, backlog);
        if (startServing)
        {
            server.StartServing();
        }

        return server;
    }

    /// <summary>
    /// Opens a datagram endpoint (asyncio's <c>create_datagram_endpoint</c>) through <see cref="CreateDatagramSocket"/>
    /// and <see cref="MakeDatagramTransport"/>.
    /// </summary>
    /// <typeparam name="TProtocol">The protocol type.</typeparam>
    /// <param name="protocolFactory">Creates the protocol.</param>
    /// <param name="localEndPoint">The local address to bind, or null for an ephemeral one.</param>
    /// <param name="remoteEndPoint">The default destination, or null.</param>
    /// <exception cref="ArgumentException">Neither endpoint is given.</exception>
    public async Task<(IDatagramTransport Transport, TProtocol Protocol)> CreateDatagramEndpointAsync<TProtocol>(
        Func<TProtocol> protocolFactory, EndPoint? localEndPoint = null, EndPoint? remoteEndPoint = null)
        where TProtocol : IDatagramProtocol
    {
        ArgumentNullException.ThrowIfNull(protocolFactory);
        CheckClosed();
        if (localEndPoint is null && remoteEndPoint is null)
        {
            throw new ArgumentException("Give a local endpoint to bind, a remote endpoint to send to, or both.", nameof(localEndPoint));
        }

        ILoopDatagramSocket socket = CreateDatagramSocket(localEndPoint, remoteEndPoint);
        TProtocol protocol = protocolFactory();
        LoopFuture<bool> waiter = CreateFuture<bool>();
        IDatagramTransport transport = MakeDatagramTransport(socket, protocol, remoteEndPoint, waiter);
        await waiter;
        return (transport, protocol);
    }

    /// <summary>
    /// Wraps a socket accepted by a listener: makes its transport attached to <paramref name="server"/> with a new
    /// protocol. A subclass's <see cref="StartServing"/> calls this for each accepted connection.
    /// </summary>
    /// <param name="socket">The accepted socket.</param>
    /// <param name="server">The server.</param>
    /// <param name="peer">The peer's address.</param>
    protected Task<ITransport> AcceptConnectionAsync(ILoopStreamSocket socket, LoopServer server, EndPoint peer)
    {
        ArgumentNullException.ThrowIfNull(server);
        return MakeConnectionAsync(socket, server.ProtocolFactory(), server, peer);
    }

    /// <summary>Resolves a host name (the name-resolution hook). The base has no resolver.</summary>
    /// <param name="host">The name.</param>
    /// <param name="family">The wanted family.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    protected virtual Task<IReadOnlyList<IPAddress>> ResolveHostAsync(string host, AddressFamily family, CancellationToken cancellationToken) =>
        throw NotImplementedHook(nameof(ResolveHostAsync));

    /// <summary>Connects a new socket to <paramref name="remote"/> (asyncio's <c>sock_connect</c>).</summary>
    /// <param name="remote">The address.</param>
    /// <param name="options">The connection options.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    protected virtual Task<ILoopStreamSocket> SocketConnectAsync(IPEndPoint remote, ConnectionOptions options, CancellationToken cancellationToken) =>
        throw NotImplementedHook(nameof(SocketConnectAsync));

    /// <summary>
    /// Makes a stream transport over a connected socket (asyncio's <c>_make_socket_transport</c>). The transport must
    /// schedule <see cref="IBaseProtocol.ConnectionMade"/> and then complete <paramref name="waiter"/>, and attach to
    /// <paramref name="server"/> when one is given.
    /// </summary>
    /// <param name="socket">The connected socket.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="waiter">Completed after ConnectionMade ran (with an exception if the transport failed).</param>
    /// <param name="extra">Extra info (<c>"peername"</c>).</param>
    /// <param name="server">The server of an accepted connection, or null.</param>
    protected virtual ITransport MakeSocketTransport(ILoopStreamSocket socket, IBaseProtocol protocol, LoopFuture<bool> waiter, IReadOnlyDictionary<string, object?> extra, LoopServer? server) =>
        throw NotImplementedHook(nameof(MakeSocketTransport));

    /// <summary>Makes a datagram transport (asyncio's <c>_make_datagram_transport</c>).</summary>
    /// <param name="socket">The bound socket.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="address">The default destination, or null.</param>
    /// <param name="waiter">Completed after ConnectionMade ran.</param>
    protected virtual IDatagramTransport MakeDatagramTransport(ILoopDatagramSocket socket, IDatagramProtocol protocol, EndPoint? address, LoopFuture<bool> waiter) =>
        throw NotImplementedHook(nameof(MakeDatagramTransport));

    /// <summary>Creates a datagram socket bound to <paramref name="local"/> (or an ephemeral address).</summary>
    /// <param name="local">The local endpoint, or null.</param>
    /// <param name="remote">The default destination, or null.</param>
    protected virtual ILoopDatagramSocket CreateDatagramSocket(EndPoint? local, EndPoint? remote) =>
        throw NotImplementedHook(nameof(CreateDatagramSocket));

    /// <summary>Creates a socket listening on <paramref name="endPoint"/> with <paramref name="backlog"/>.</summary>
    /// <param name="endPoint">The address to bind.</param>
    /// <param name="backlog">The backlog.</param>
    protected virtual ILoopListener CreateListeningSocket(IPEndPoint endPoint, int backlog) =>
        throw NotImplementedHook(nameof(CreateListeningSocket));

    /// <summary>Starts accepting on <paramref name="listener"/> (asyncio's <c>_start_serving</c>); calls <see cref="AcceptConnectionAsync"/> per connection.</summary>
    /// <param name="listener">The listener.</param>
    /// <param name="server">The server.</param>
    protected virtual void StartServing(ILoopListener listener, LoopServer server) =>
        throw NotImplementedHook(nameof(StartServing));

    /// <summary>Stops accepting and closes <paramref name="listener"/> (asyncio's <c>_stop_serving</c>).</summary>
    /// <param name="listener">The listener.</param>
    protected virtual void StopServing(ILoopListener listener) =>
        throw NotImplementedHook(nameof(StopServing));

    internal void StartServingListener(ILoopListener listener, LoopServer server) => StartServing(listener, server);

    internal void StopServingListener(ILoopListener listener) => StopServing(listener);

    private async Task<ITransport> MakeConnectionAsync(ILoopStreamSocket socket, IBaseProtocol protocol, LoopServer? server, EndPoint peer)
    {
        LoopFuture<bool> waiter = CreateFuture<bool>();
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal) { ["peername"] = peer, ["socket"] = socket };
        ITransport transport = MakeSocketTransport(socket, protocol, waiter, extra, server);
        try
        {
            await waiter;
        }
        catch
        {
            transport.Close();
            throw;
        }

        return transport;
    }

    private static Exception CombineConnectErrors(List<Exception> errors)
    {
        if (errors.Count == 1)
        {
            return errors[0];
        }

        var messages = new List<string>();
        foreach (Exception e in errors)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return messages.Count == 1 ? errors[0] : new AggregateException($"Multiple exceptions: {string.Join(", ", messages)}", errors);
    }

    private NotSupportedException NotImplementedHook(string hook) =>
        new($"{GetType().Name} does not implement {hook}: a loop that supports this kind of I/O overrides it (see BaseEventLoop's hooks).");
}
