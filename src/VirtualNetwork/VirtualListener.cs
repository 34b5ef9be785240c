using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>A host listening for stream connections on a port (all of its addresses), with a bounded backlog.</summary>
public sealed class VirtualListener : IDisposable
{
    private readonly VirtualNetwork _network;
    private readonly VirtualHost _host;
    private readonly Queue<VirtualStream> _established = new();
    private readonly List<PendingOperation<VirtualStream>> _accepts = [];
    private bool _stopped;

    internal VirtualListener(VirtualNetwork network, VirtualHost host, IPEndPoint localEndPoint, int backlog)
    {
        this._network = network;
        this._host = host;
        LocalEndPoint = localEndPoint;
        Backlog = backlog;
    }

    /// <summary>The host's first address and the listening port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>How many established connections may wait to be accepted; further connects stay pending.</summary>
    public int Backlog { get; }

    /// <summary>Waits for an established connection and returns its server end.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The accepted connection.</returns>
    /// <exception cref="SocketException">The listener was stopped meanwhile (<see cref="SocketError.OperationAborted"/>).</exception>
    public ValueTask<VirtualStream> AcceptAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<VirtualStream>(cancellationToken);
        }

        if (_established.TryDequeue(out VirtualStream? stream))
        {
            return new ValueTask<VirtualStream>(stream);
        }

        PendingOperation<VirtualStream> operation = PendingOperation<VirtualStream>.Start(_network, cancellationToken, o => _accepts.Remove(o));
        _accepts.Add(operation);
        return new ValueTask<VirtualStream>(operation.Task);
    }

    /// <summary>Stops listening: pending accepts fail with <see cref="SocketError.OperationAborted"/>, unaccepted connections are reset.</summary>
    public void Dispose()
    {
        if (_stopped)
        {
            return;
        }

        _host.RemoveListener(this);
        _network.Record(NetworkEventKind.Closed, _host.Name, string.Empty, $"listener {LocalEndPoint.Port}");
        Stop();
        while (_established.TryDequeue(out VirtualStream? stream))
        {
            stream.Abort();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{_host.Name} listening on {LocalEndPoint}";

    /// <summary>A SYN arrived: establishes the server end, or returns why the SYN is dropped (full backlog).</summary>
    internal string? Offer(VirtualStream client)
    {
        if (_established.Count >= Backlog)
        {
            return "backlog full";
        }

        var server = new VirtualStream(_network, _host, new IPEndPoint(client.RemoteEndPoint.Address, LocalEndPoint.Port), client.LocalEndPoint) { Peer = client };
        client.ServerEnd = server;
        _network.Record(NetworkEventKind.Accept, _host.Name, client.Host.Name, server.Label);
        server.SendSynAck(client, again: false);
        if (_accepts.Count > 0)
        {
            PendingOperation<VirtualStream> operation = _accepts[0];
            _accepts.RemoveAt(0);
            operation.TrySetResult(server);
        }
        else
        {
            _established.Enqueue(server);
        }

        return null;
    }

    /// <summary>The host crashed: the listener vanishes (its connections are reset with the host's other streams).</summary>
    internal void OnHostCrashed()
    {
        _established.Clear();
        Stop();
    }

    private void Stop()
    {
        _stopped = true;
        List<PendingOperation<VirtualStream>> waiting = [.. _accepts];
        _accepts.Clear();
        if (waiting.Count > 0)
        {
            _network.Post(() => waiting.ForEach(o => o.TrySetException(SocketErrors.Socket(SocketError.OperationAborted))));
        }
    }
}
