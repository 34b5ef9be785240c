using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>A datagram socket bound to a port of a host, with UDP semantics: no delivery guarantee, no order.</summary>
public sealed class VirtualDatagramSocket : IDisposable
{
    private readonly VirtualNetwork _network;
    private readonly VirtualHost _host;
    private readonly Queue<VirtualDatagram> _received = new();
    private readonly List<PendingOperation<VirtualDatagram>> _receives = [];
    private long _receivedBytes;
    private bool _disposed;
    private bool _hostCrashed;

    internal VirtualDatagramSocket(VirtualNetwork network, VirtualHost host, int port)
    {
        this._network = network;
        this._host = host;
        LocalEndPoint = new IPEndPoint(host.Addresses[0], host.BindDatagramSocket(port, this));
    }

    /// <summary>The host's first address and the bound port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Sends one datagram; it may be lost, duplicated or reordered, and nobody confirms its arrival.</summary>
    /// <param name="datagram">The payload (at most <see cref="VirtualNetworkOptions.MaxDatagramSize"/> bytes).</param>
    /// <param name="remoteEndPoint">Where to send it.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The number of bytes sent.</returns>
    /// <exception cref="SocketException"><see cref="SocketError.MessageSize"/> when too big; <see cref="SocketError.NetworkDown"/> after the host crashed.</exception>
    public ValueTask<int> SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        IPAddress? source = _host.AddressIn(remoteEndPoint.AddressFamily);
        SocketError? error = _hostCrashed ? SocketError.NetworkDown
            : datagram.Length > _network.Options.MaxDatagramSize ? SocketError.MessageSize
            : source is null ? SocketError.NetworkUnreachable
            : null;
        if (error is { } e)
        {
            return ValueTask.FromException<int>(SocketErrors.Socket(e));
        }

        _network.SendDatagram(_host, new IPEndPoint(source!, LocalEndPoint.Port), datagram.ToArray(), remoteEndPoint);
        return new ValueTask<int>(datagram.Length);
    }

    /// <summary>Waits for a datagram.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payload and the sender.</returns>
    /// <exception cref="SocketException">The socket was closed or its host crashed meanwhile (<see cref="SocketError.OperationAborted"/>).</exception>
    public ValueTask<VirtualDatagram> ReceiveFromAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<VirtualDatagram>(cancellationToken);
        }

        if (_hostCrashed)
        {
            return ValueTask.FromException<VirtualDatagram>(SocketErrors.Socket(SocketError.NetworkDown));
        }

        if (_received.TryDequeue(out VirtualDatagram datagram))
        {
            _receivedBytes -= datagram.Data.Length;
            return new ValueTask<VirtualDatagram>(datagram);
        }

        PendingOperation<VirtualDatagram> operation = PendingOperation<VirtualDatagram>.Start(_network, cancellationToken, o => _receives.Remove(o));
        _receives.Add(operation);
        return new ValueTask<VirtualDatagram>(operation.Task);
    }

    /// <summary>Unbinds the port; pending receives fail with <see cref="SocketError.OperationAborted"/>.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _network.Record(NetworkEventKind.Closed, _host.Name, string.Empty, $"datagram socket {LocalEndPoint.Port}");
            _host.UnbindDatagramSocket(this);
            Close();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{_host.Name} datagram socket {LocalEndPoint}";

    internal string? OnDatagram(VirtualDatagram datagram)
    {
        if (_receives.Count > 0)
        {
            PendingOperation<VirtualDatagram> operation = _receives[0];
            _receives.RemoveAt(0);
            operation.TrySetResult(datagram);
            return null;
        }

        if (_receivedBytes + datagram.Data.Length > _network.Options.DatagramReceiveBufferSize)
        {
            return "receive buffer full";
        }

        _received.Enqueue(datagram);
        _receivedBytes += datagram.Data.Length;
        return null;
    }

    internal void OnHostCrashed()
    {
        _hostCrashed = true;
        Close();
        _disposed = false;
    }

    private void Close()
    {
        _disposed = true;
        _received.Clear();
        _receivedBytes = 0;
        List<PendingOperation<VirtualDatagram>> waiting = [.. _receives];
        _receives.Clear();
        if (waiting.Count > 0)
        {
            _network.Post(() => waiting.ForEach(o => o.TrySetException(SocketErrors.Socket(SocketError.OperationAborted))));
        }
    }
}
