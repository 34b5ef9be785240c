using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>A simulated machine on a <see cref="VirtualNetwork"/>: a name, its addresses, and its sockets.</summary>
public sealed class VirtualHost
{
    private readonly int _firstEphemeralPort;
    private readonly SortedSet<int> _tcpPortsInUse = [];
    private readonly SortedDictionary<int, VirtualListener> _listeners = [];
    private readonly SortedDictionary<int, VirtualDatagramSocket> _datagramSockets = [];
    private readonly List<VirtualStream> _streams = [];
    private int _nextTcpPort;
    private int _nextUdpPort;

    internal VirtualHost(string name, IReadOnlyList<IPAddress> addresses, int firstEphemeralPort)
    {
        Name = name;
        Addresses = addresses;
        this._firstEphemeralPort = firstEphemeralPort;
        _nextTcpPort = firstEphemeralPort;
        _nextUdpPort = firstEphemeralPort;
    }

    /// <summary>The host's name, as name resolution knows it.</summary>
    public string Name { get; }

    /// <summary>The host's addresses, in the order they were given (the order resolution returns).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>False between <see cref="VirtualNetwork.Crash"/> and <see cref="VirtualNetwork.Restart"/>.</summary>
    public bool IsUp { get; internal set; } = true;

    /// <summary>True while the host is clogged: its incoming and outgoing messages wait.</summary>
    public bool IsClogged { get; internal set; }

    /// <summary>Counts crashes, so that sockets of an earlier life are recognised as stale.</summary>
    internal int Generation { get; private set; }

    /// <summary>The instant until which a timed clog lasts (<see cref="long.MaxValue"/> for an indefinite clog).</summary>
    internal long ClogUntilTicks { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The first of the host's addresses in <paramref name="family"/>, or null.</summary>
    internal IPAddress? AddressIn(AddressFamily family) => Addresses.FirstOrDefault(a => a.AddressFamily == family);

    internal bool HasAddress(IPAddress address) => Addresses.Contains(address);

    internal VirtualListener? FindListener(int port) => _listeners.GetValueOrDefault(port);

    internal VirtualDatagramSocket? FindDatagramSocket(int port) => _datagramSockets.GetValueOrDefault(port);

    internal int AllocateTcpPort(int requested)
    {
        int port = requested == 0 ? NextFreePort(_tcpPortsInUse.Contains, ref _nextTcpPort) : requested;
        if (!_tcpPortsInUse.Add(port))
        {
            throw new SocketException((int)SocketError.AddressAlreadyInUse);
        }

        return port;
    }

    internal void ReleaseTcpPort(int port) => _tcpPortsInUse.Remove(port);

    internal void AddListener(VirtualListener listener) => _listeners.Add(listener.LocalEndPoint.Port, listener);

    internal void RemoveListener(VirtualListener listener)
    {
        if (_listeners.GetValueOrDefault(listener.LocalEndPoint.Port) == listener)
        {
            _listeners.Remove(listener.LocalEndPoint.Port);
            _tcpPortsInUse.Remove(listener.LocalEndPoint.Port);
        }
    }

    internal int BindDatagramSocket(int requested, VirtualDatagramSocket socket)
    {
        int port = requested == 0 ? NextFreePort(_datagramSockets.ContainsKey, ref _nextUdpPort) : requested;
        if (!_datagramSockets.TryAdd(port, socket))
        {
            throw new SocketException((int)SocketError.AddressAlreadyInUse);
        }

        return port;
    }

    internal void UnbindDatagramSocket(VirtualDatagramSocket socket)
    {
        if (_datagramSockets.GetValueOrDefault(socket.LocalEndPoint.Port) == socket)
        {
            _datagramSockets.Remove(socket.LocalEndPoint.Port);
        }
    }

    internal void AddStream(VirtualStream stream) => _streams.Add(stream);

    internal void RemoveStream(VirtualStream stream) => _streams.Remove(stream);

    /// <summary>Forgets every socket (a crash); returns them, in creation order, so they can be failed.</summary>
    internal (IReadOnlyList<VirtualStream> Streams, IReadOnlyList<VirtualListener> Listeners, IReadOnlyList<VirtualDatagramSocket> DatagramSockets) Crash()
    {
        var result = ((IReadOnlyList<VirtualStream>)[.. _streams], (IReadOnlyList<VirtualListener>)[.. _listeners.Values], (IReadOnlyList<VirtualDatagramSocket>)[.. _datagramSockets.Values]);
        _streams.Clear();
        _listeners.Clear();
        _datagramSockets.Clear();
        _tcpPortsInUse.Clear();
        IsUp = false;
        Generation++;
        return result;
    }

    private int NextFreePort(Func<int, bool> inUse, ref int next)
    {
        for (int tried = 0; tried <= 65535 - _firstEphemeralPort; tried++)
        {
            int port = next;
            next = next >= 65535 ? _firstEphemeralPort : next + 1;
            if (!inUse(port))
            {
                return port;
            }
        }

        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }
}
