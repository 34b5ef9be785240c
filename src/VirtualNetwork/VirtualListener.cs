using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>A host listening for stream connections on a port (all of its addresses), with a bounded backlog.</summary>
public sealed class VirtualListener : IDisposable
{
    private readonly VirtualNetwork network;
    private readonly VirtualHost host;
    private readonly Queue<VirtualStream> established = new();
    private readonly List<PendingOperation<VirtualStream>> accepts = [];
    private bool stopped;

    internal VirtualListener(VirtualNetwork network, VirtualHost host, IPEndPoint localEndPoint, int backlog)
    {
        this.network = network;
        this.host = host;
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
        ObjectDisposedException.ThrowIf(stopped, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<VirtualStream>(cancellationToken);
        }

        if (established.TryDequeue(out VirtualStream? stream))
        {
            return new ValueTask<VirtualStream>(stream);
        }

        PendingOperation<VirtualStream> operation = PendingOperation<VirtualStream>.Start(network, cancellationToken, o => accepts.Remove(o));
        accepts.Add(operation);
        return new ValueTask<VirtualStream>(operation.Task);
    }

    /// <summary>Stops listening: pending accepts fail with <see cref="SocketError.OperationAborted"/>, unaccepted connections are reset.</summary>
    public void Dispose()
    {
        if (stopped)
        {
            return;
        }

        host.RemoveListener(this);
        network.Record(NetworkEventKind.Closed, host.Name, string.Empty, $"listener {LocalEndPoint.Port}");
        Stop();
        while (established.TryDequeue(out VirtualStream? stream))
        {
            stream.Abort();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{host.Name} listening on {LocalEndPoint}";

    /// <summary>A SYN arrived: establishes the server end, or returns why the SYN is dropped (full backlog).</summary>
    internal string? Offer(VirtualStream client)
    {
        if (established.Count >= Backlog)
        {
            return "backlog full";
        }

        var server = new VirtualStream(network, host, new IPEndPoint(client.RemoteEndPoint.Address, LocalEndPoint.Port), client.LocalEndPoint) { Peer = client };
        client.ServerEnd = server;
        network.Record(NetworkEventKind.Accept, host.Name, client.Host.Name, server.Label);
        server.SendSynAck(client, again: false);
        if (accepts.Count > 0)
        {
            PendingOperation<VirtualStream> operation = accepts[0];
            accepts.RemoveAt(0);
            operation.TrySetResult(server);
        }
        else
        {
            established.Enqueue(server);
        }

        return null;
    }

    /// <summary>The host crashed: the listener vanishes (its connections are reset with the host's other streams).</summary>
    internal void OnHostCrashed()
    {
        established.Clear();
        Stop();
    }

    private void Stop()
    {
        stopped = true;
        List<PendingOperation<VirtualStream>> waiting = [.. accepts];
        accepts.Clear();
        if (waiting.Count > 0)
        {
            network.Post(() => waiting.ForEach(o => o.TrySetException(SocketErrors.Socket(SocketError.OperationAborted))));
        }
    }
}
