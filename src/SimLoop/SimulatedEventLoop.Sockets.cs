using System.Net;
using System.Net.Sockets;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Transports;

namespace SimLoop;

/// <summary>asyncio's socket hooks (<see cref="BaseEventLoop.CreateConnectionAsync{TProtocol}"/> and friends) over <see cref="Network"/>.</summary>
public sealed partial class SimulatedEventLoop
{
    /// <inheritdoc/>
    protected override Task<IReadOnlyList<IPAddress>> ResolveHostAsync(string host, AddressFamily family, CancellationToken cancellationToken) =>
        Network.ResolveAsync(host, cancellationToken);

    /// <inheritdoc/>
    protected override async Task<ILoopStreamSocket> SocketConnectAsync(IPEndPoint remote, ConnectionOptions options, CancellationToken cancellationToken)
    {
        string from = LocalHostName(options.LocalHost, options.LocalEndPoint, "connect");
        return new VirtualStreamSocket(await Network.ConnectAsync(from, remote, cancellationToken));
    }

    /// <inheritdoc/>
    protected override ITransport MakeSocketTransport(ILoopStreamSocket socket, IBaseProtocol protocol, LoopFuture<bool> waiter, IReadOnlyDictionary<string, object?> extra, LoopServer? server)
    {
        VirtualStream stream = AsSocket<VirtualStreamSocket>(socket).Stream;
        var withStream = new Dictionary<string, object?>(extra, StringComparer.Ordinal) { ["socket"] = stream }; // "socket" is the network's own object
        return new VirtualStreamTransport(this, stream, protocol, waiter, withStream, server);
    }

    /// <inheritdoc/>
    protected override IDatagramTransport MakeDatagramTransport(ILoopDatagramSocket socket, IDatagramProtocol protocol, EndPoint? address, LoopFuture<bool> waiter)
    {
        IPEndPoint? remote = address switch
        {
            null => null,
            IPEndPoint ip => ip,
            DnsEndPoint dns => new IPEndPoint(Network.Resolve(dns.Host)[0], dns.Port),
            _ => throw new ArgumentException($"Unsupported remote address type {address.GetType().Name}.", nameof(address)),
        };
        return new VirtualDatagramTransport(this, AsSocket<VirtualDatagramLoopSocket>(socket).Socket, protocol, remote, waiter);
    }

    /// <inheritdoc/>
    protected override ILoopDatagramSocket CreateDatagramSocket(EndPoint? local, EndPoint? remote)
    {
        string host = LocalHostName(null, local, "bind a datagram socket");
        int port = local switch
        {
            IPEndPoint ip => ip.Port,
            DnsEndPoint dns => dns.Port,
            _ => 0,
        };
        return new VirtualDatagramLoopSocket(Network.Bind(host, port));
    }

    /// <inheritdoc/>
    protected override ILoopListener CreateListeningSocket(IPEndPoint endPoint, int backlog)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        string host = LocalHostName(null, endPoint, "listen");
        return new VirtualListenerSocket(Network.Listen(host, endPoint.Port, backlog));
    }

    /// <inheritdoc/>
    protected override void StartServing(ILoopListener listener, LoopServer server) =>
        CallSoon(static s =>
        {
            var (loop, l, srv) = ((SimulatedEventLoop, VirtualListener, LoopServer))s!;
            _ = loop.AcceptLoopAsync(l, srv);
        }, (this, AsSocket<VirtualListenerSocket>(listener).Listener, server));

    /// <inheritdoc/>
    protected override void StopServing(ILoopListener listener) => AsSocket<VirtualListenerSocket>(listener).Listener.Dispose();

    /// <summary>Accepts until the listener stops; runs in loop callbacks (no task), like asyncio's accept handler.</summary>
    private async Task AcceptLoopAsync(VirtualListener listener, LoopServer server)
    {
        while (server.IsServing)
        {
            VirtualStream stream;
            try
            {
                stream = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ObserveAcceptAsync(AcceptConnectionAsync(new VirtualStreamSocket(stream), server, stream.RemoteEndPoint));
        }
    }

    private async Task ObserveAcceptAsync(Task<ITransport> accepting)
    {
        try
        {
            await accepting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CallExceptionHandler(new ExceptionContext("Error accepting a connection", ex));
        }
    }

    /// <summary>
    /// The host a socket operation runs on: the named <paramref name="hostName"/>, the host owning the local
    /// endpoint's address (or named by a <see cref="DnsEndPoint"/>), else the ambient <see cref="SimulatedHost.Current"/>.
    /// </summary>
    private string LocalHostName(string? hostName, EndPoint? local, string operation)
    {
        if (hostName is not null)
        {
            return hostName;
        }

        switch (local)
        {
            case DnsEndPoint dns:
                return dns.Host;
            case IPEndPoint ip when !ip.Address.Equals(IPAddress.Any) && !ip.Address.Equals(IPAddress.IPv6Any):
                return (FindVirtualHost(ip.Address) ?? throw new SocketException((int)SocketError.AddressNotAvailable)).Name;
        }

        return SimulatedHost.Current?.Name ?? throw new InvalidOperationException(
            $"Cannot {operation}: no host to run on. Run the code on a simulated host (host.Spawn or a host's start function), or name the host in ConnectionOptions.LocalHost / a local endpoint.");
    }

    private static T AsSocket<T>(object socket)
        where T : class =>
        socket as T ?? throw new ArgumentException($"Expected a socket made by a SimulatedEventLoop ({typeof(T).Name}), got {socket?.GetType().Name ?? "null"}: pass the sockets this loop's own hooks returned.", nameof(socket));
}
