using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SimLoop.Networking;

namespace SimLoop.Hosts;

/// <summary>
/// A stream server on a <see cref="SimulatedHost"/> (what <see cref="SimulatedHost.StartServerAsync"/> returns): a
/// host task accepts connections and each connection's handler runs in a host task of its own.
/// </summary>
[DebuggerDisplay("SimulatedServer {Host.Name}:{Port} connections={ConnectionCount}")]
public sealed class SimulatedServer
{
    private readonly VirtualListener _listener;
    private readonly Func<Stream, CancellationToken, Task> _handler;
    private readonly List<(LoopTask Task, VirtualStream Stream)> _connections = new();
    private readonly List<LoopFuture<bool>> _closedWaiters = new();
    private LoopTask? _acceptLoop;
    private bool _closed;

    internal SimulatedServer(SimulatedHost host, VirtualListener listener, Func<Stream, CancellationToken, Task> handler)
    {
        Host = host;
        _listener = listener;
        _handler = handler;
    }

    /// <summary>The host the server runs on.</summary>
    public SimulatedHost Host { get; }

    /// <summary>The address and port the server listens on.</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>The port the server listens on.</summary>
    public int Port => _listener.LocalEndPoint.Port;

    /// <summary>How many connections are being served.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Whether the server still accepts connections.</summary>
    public bool IsServing => !_closed && _acceptLoop is { IsDone: false };

    /// <summary>Stops accepting connections; connections being served go on.</summary>
    public void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _listener.Dispose();
        }
    }

    /// <summary>Resets every connection being served (their peers see <see cref="SocketError.ConnectionReset"/>).</summary>
    public void AbortConnections()
    {
        foreach ((LoopTask _, VirtualStream stream) in _connections.ToArray())
        {
            stream.Abort();
        }
    }

    /// <summary>Waits until the server stopped accepting (closed, or its host crashed) and every handler ended.</summary>
    public async Task WaitClosedAsync()
    {
        if (IsDone)
        {
            return;
        }

        LoopFuture<bool> waiter = Host.Loop.CreateFuture<bool>();
        _closedWaiters.Add(waiter);
        await waiter;
    }

    internal void Start() => _acceptLoop = Host.Spawn(AcceptLoopAsync, $"accept {Port}");

    private bool IsDone => _acceptLoop is { IsDone: true } && _connections.Count == 0;

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!_closed)
            {
                VirtualStream stream;
                try
                {
                    stream = await _listener.AcceptAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    return;
                }

                LoopTask task = Host.Spawn(ct => ServeAsync(stream, ct), $"serve {stream.RemoteEndPoint}");
                _connections.Add((task, stream));
                task.AddDoneCallback(static (f, s) => ((SimulatedServer)s!).OnConnectionDone((LoopTask)f), this);
            }
        }
        finally
        {
            _closed = true;
            Host.Loop.CallSoon(static s => ((SimulatedServer)s!).WakeIfDone(), this);
        }
    }

    private async Task ServeAsync(VirtualStream stream, CancellationToken cancellationToken)
    {
        try
        {
            await _handler(stream, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The connection ended under the handler (reset, aborted, host crash): a normal end for a server.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private void OnConnectionDone(LoopTask task)
    {
        _connections.RemoveAll(c => ReferenceEquals(c.Task, task));
        WakeIfDone();
    }

    private void WakeIfDone()
    {
        if (!IsDone)
        {
            return;
        }

        foreach (LoopFuture<bool> waiter in _closedWaiters)
        {
            waiter.TrySetResult(true);
        }

        _closedWaiters.Clear();
    }
}
