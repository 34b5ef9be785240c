using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>A datagram socket bound to a port of a host, with UDP semantics: no delivery guarantee, no order.</summary>
public sealed class VirtualDatagramSocket : IDisposable
{
    private readonly VirtualNetwork network;
    private readonly VirtualHost host;
    private readonly Queue<VirtualDatagram> received = new();
    private readonly List<PendingOperation<VirtualDatagram>> receives = [];
    private long receivedBytes;
    private bool disposed;
    private bool hostCrashed;

    internal VirtualDatagramSocket(VirtualNetwork network, VirtualHost host, int port)
    {
        this.network = network;
        this.host = host;
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
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        IPAddress? source = host.AddressIn(remoteEndPoint.AddressFamily);
        SocketError? error = hostCrashed ? SocketError.NetworkDown
            : datagram.Length > network.Options.MaxDatagramSize ? SocketError.MessageSize
            : source is null ? SocketError.NetworkUnreachable
            : null;
        if (error is { } e)
        {
            return ValueTask.FromException<int>(SocketErrors.Socket(e));
        }

        network.SendDatagram(host, new IPEndPoint(source!, LocalEndPoint.Port), datagram.ToArray(), remoteEndPoint);
        return new ValueTask<int>(datagram.Length);
    }

    /// <summary>Waits for a datagram.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payload and the sender.</returns>
    /// <exception cref="SocketException">The socket was closed or its host crashed meanwhile (<see cref="SocketError.OperationAborted"/>).</exception>
    public ValueTask<VirtualDatagram> ReceiveFromAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<VirtualDatagram>(cancellationToken);
        }

        if (hostCrashed)
        {
            return ValueTask.FromException<VirtualDatagram>(SocketErrors.Socket(SocketError.NetworkDown));
        }

        if (received.TryDequeue(out VirtualDatagram datagram))
        {
            receivedBytes -= datagram.Data.Length;
            return new ValueTask<VirtualDatagram>(datagram);
        }

        PendingOperation<VirtualDatagram> operation = PendingOperation<VirtualDatagram>.Start(network, cancellationToken, o => receives.Remove(o));
        receives.Add(operation);
        return new ValueTask<VirtualDatagram>(operation.Task);
    }

    /// <summary>Unbinds the port; pending receives fail with <see cref="SocketError.OperationAborted"/>.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            network.Record(NetworkEventKind.Closed, host.Name, string.Empty, $"datagram socket {LocalEndPoint.Port}");
            host.UnbindDatagramSocket(this);
            Close();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{host.Name} datagram socket {LocalEndPoint}";

    internal string? OnDatagram(VirtualDatagram datagram)
    {
        if (receives.Count > 0)
        {
            PendingOperation<VirtualDatagram> operation = receives[0];
            receives.RemoveAt(0);
            operation.TrySetResult(datagram);
            return null;
        }

        if (receivedBytes + datagram.Data.Length > network.Options.DatagramReceiveBufferSize)
        {
            return "receive buffer full";
        }

        received.Enqueue(datagram);
        receivedBytes += datagram.Data.Length;
        return null;
    }

    internal void OnHostCrashed()
    {
        hostCrashed = true;
        Close();
        disposed = false;
    }

    private void Close()
    {
        disposed = true;
        received.Clear();
        receivedBytes = 0;
        List<PendingOperation<VirtualDatagram>> waiting = [.. receives];
        receives.Clear();
        if (waiting.Count > 0)
        {
            network.Post(() => waiting.ForEach(o => o.TrySetException(SocketErrors.Socket(SocketError.OperationAborted))));
        }
    }
}
