using System.Net;

namespace SimLoop.Networking;

/// <summary>Datagrams: binding sockets and sending with loss, duplication and reordering.</summary>
public sealed partial class VirtualNetwork
{
    /// <summary>Binds a datagram socket to <paramref name="port"/> of <paramref name="host"/>.</summary>
    /// <param name="host">The host's name.</param>
    /// <param name="port">The port, or 0 for an ephemeral one.</param>
    /// <returns>The socket.</returns>
    /// <exception cref="System.Net.Sockets.SocketException">The host is down, or the port is in use.</exception>
    public VirtualDatagramSocket Bind(string host, int port = 0)
    {
        VirtualHost binding = GetHost(host);
        ThrowIfNotPort(port, nameof(port));
        ThrowIfDown(binding);
        var socket = new VirtualDatagramSocket(this, binding, port);
        Record(NetworkEventKind.Bind, binding.Name, string.Empty, $"port={socket.LocalEndPoint.Port}");
        return socket;
    }

    internal void SendDatagram(VirtualHost from, IPEndPoint source, byte[] payload, IPEndPoint destination)
    {
        string detail = $"{source.Port}->{destination.Port} len={payload.Length}";
        if (FindHostByAddress(destination.Address) is not { } to)
        {
            Record(NetworkEventKind.Dropped, from.Name, destination.Address.ToString(), $"Datagram {detail} no route");
            return;
        }

        LinkSettings settings = SettingsOf(from, to);
        int copies = 1;
        if (settings.DuplicationRate > 0 && RandomFor(NetworkRandomStreams.Duplicate).NextDouble() >= 1 - settings.DuplicationRate)
        {
            copies = 2;
            Record(NetworkEventKind.Duplicated, from.Name, to.Name, $"Datagram {detail}");
        }

        var datagram = new VirtualDatagram(payload, source);
        for (int copy = 0; copy < copies; copy++)
        {
            long extraDelay = 0;
            if (settings.ReorderRate > 0 && RandomFor(NetworkRandomStreams.Reorder).NextDouble() >= 1 - settings.ReorderRate)
            {
                extraDelay = RandomFor(NetworkRandomStreams.Reorder).NextInt64(VirtualDeadline.After(settings.ReorderDelay.Ticks, 1));
            }

            Transmit(from, to, MessageKind.Datagram, payload.Length, detail,
                new Func<string?>(() => to.FindDatagramSocket(destination.Port) is { } socket ? socket.OnDatagram(datagram) : "no socket bound"),
                reliability: null, extraDelay);
        }
    }
}
