using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>Stream connections: listening and connecting.</summary>
public sealed partial class VirtualNetwork
{
    /// <summary>Starts listening for stream connections on <paramref name="port"/> of <paramref name="host"/>.</summary>
    /// <param name="host">The host's name.</param>
    /// <param name="port">The port, or 0 for an ephemeral one.</param>
    /// <param name="backlog">How many established connections may wait to be accepted (at least 1).</param>
    /// <returns>The listener.</returns>
    /// <exception cref="SocketException">The host is down (<see cref="SocketError.NetworkDown"/>) or the port is in use (<see cref="SocketError.AddressAlreadyInUse"/>).</exception>
    public VirtualListener Listen(string host, int port, int backlog = 128)
    {
        VirtualHost listening = GetHost(host);
        ThrowIfNotPort(port, nameof(port));
        ArgumentOutOfRangeException.ThrowIfLessThan(backlog, 1);
        ThrowIfDown(listening);
        int bound = listening.AllocateTcpPort(port);
        var listener = new VirtualListener(this, listening, new IPEndPoint(listening.Addresses[0], bound), backlog);
        listening.AddListener(listener);
        Record(NetworkEventKind.Listen, listening.Name, string.Empty, $"port={bound} backlog={backlog}");
        return listener;
    }

    /// <summary>
    /// Connects from <paramref name="fromHost"/> to <paramref name="remoteEndPoint"/>. The connect takes a round trip;
    /// while no SYN-ACK comes back (partition, full backlog, lost messages) the SYN is sent again on a doubling timer,
    /// and the connect fails with <see cref="SocketError.TimedOut"/> when the retries are spent (127 s with the default
    /// <see cref="VirtualNetworkOptions.SynRetransmissionTimeout"/> and <see cref="VirtualNetworkOptions.MaxSynRetransmissions"/>)
    /// or at <see cref="VirtualNetworkOptions.ConnectTimeout"/>, whichever comes first.
    /// </summary>
    /// <param name="fromHost">The connecting host's name.</param>
    /// <param name="remoteEndPoint">The address and port to connect to.</param>
    /// <param name="cancellationToken">Cancels the pending connect (<see cref="OperationCanceledException"/>).</param>
    /// <returns>The client end of the connection.</returns>
    /// <exception cref="SocketException">
    /// <see cref="SocketError.ConnectionRefused"/> (no listener), <see cref="SocketError.TimedOut"/> (the SYN retries
    /// are spent, or the options' connect timeout), <see cref="SocketError.NetworkDown"/> (the host is crashed), <see cref="SocketError.HostUnreachable"/>
    /// (no host has the address), <see cref="SocketError.ConnectionAborted"/> (the host crashed meanwhile).
    /// </exception>
    public Task<VirtualStream> ConnectAsync(string fromHost, IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        VirtualHost from = GetHost(fromHost);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<VirtualStream>(cancellationToken);
        }

        try
        {
            ThrowIfDown(from);
            IPAddress localAddress = from.AddressIn(remoteEndPoint.AddressFamily) ?? throw SocketErrors.Socket(SocketError.NetworkUnreachable);
            VirtualHost to = FindHostByAddress(remoteEndPoint.Address) ?? throw SocketErrors.Socket(SocketError.HostUnreachable);
            int port = from.AllocateTcpPort(0);
            var stream = new VirtualStream(this, from, new IPEndPoint(localAddress, port), remoteEndPoint);
            return stream.Connect(to, cancellationToken);
        }
        catch (SocketException e)
        {
            return Task.FromException<VirtualStream>(e);
        }
    }

    /// <summary>Resolves <paramref name="hostNameOrAddress"/> and connects to its first address (see the other overload).</summary>
    /// <param name="fromHost">The connecting host's name.</param>
    /// <param name="hostNameOrAddress">A host name or an IP literal.</param>
    /// <param name="port">The port to connect to.</param>
    /// <param name="cancellationToken">Cancels the pending connect.</param>
    /// <returns>The client end of the connection.</returns>
    /// <exception cref="SocketException"><see cref="SocketError.HostNotFound"/> for an unknown name, or as the other overload.</exception>
    public Task<VirtualStream> ConnectAsync(string fromHost, string hostNameOrAddress, int port, CancellationToken cancellationToken = default)
    {
        GetHost(fromHost);
        ThrowIfNotPort(port, nameof(port));
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = Resolve(hostNameOrAddress);
        }
        catch (SocketException e)
        {
            return Task.FromException<VirtualStream>(e);
        }

        return ConnectAsync(fromHost, new IPEndPoint(addresses[0], port), cancellationToken);
    }

    /// <summary>
    /// A SYN arrived at <paramref name="to"/>: the server end already made for this client answers again (its SYN-ACK
    /// was lost), or a listener takes it, or the client is refused with a reset (not retransmitted: the client's next
    /// SYN is refused again).
    /// </summary>
    internal string? OfferConnection(VirtualHost to, VirtualStream client)
    {
        if (client.ServerEnd is { IsAlive: true } server)
        {
            server.SendSynAck(client, again: true);
            return null;
        }

        if (to.FindListener(client.RemoteEndPoint.Port) is { } listener)
        {
            return listener.Offer(client);
        }

        Record(NetworkEventKind.Refused, to.Name, client.Host.Name, client.Label);
        Transmit(to, client.Host, MessageKind.Reset, 0, $"{client.RemoteEndPoint.Port}->{client.LocalEndPoint.Port} refused", new Func<string?>(() => client.OnReset()), reliability: null);
        return null;
    }

    private static void ThrowIfNotPort(int port, string argumentName)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(argumentName, port, "A port is between 0 and 65535.");
        }
    }

    private static void ThrowIfDown(VirtualHost host)
    {
        if (!host.IsUp)
        {
            throw SocketErrors.Socket(SocketError.NetworkDown);
        }
    }
}
