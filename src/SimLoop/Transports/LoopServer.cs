using System.Diagnostics;
using System.Net;

namespace SimLoop.Transports;

/// <summary>
/// A listening server (asyncio's <c>Server</c>): start serving, serve forever, close (stop accepting; existing
/// connections stay), close or abort the clients, and wait until closed with every client detached.
/// </summary>
[DebuggerDisplay("LoopServer serving={IsServing} clients={ClientCount}")]
public sealed class LoopServer
{
    private readonly BaseEventLoop _loop;
    private readonly Func<IBaseProtocol> _protocolFactory;
    private readonly List<ILoopListener> _listeners;
    private readonly List<ITransport> _clients = new();
    private readonly List<LoopFuture<bool>> _closedWaiters = new();
    private bool _serving;
    private bool _closed;

    internal LoopServer(BaseEventLoop loop, IReadOnlyList<ILoopListener> listeners, IReadOnlyList<EndPoint> endPoints, Func<IBaseProtocol> protocolFactory, int backlog)
    {
        _loop = loop;
        _listeners = new List<ILoopListener>(listeners);
        EndPoints = endPoints;
        _protocolFactory = protocolFactory;
        Backlog = backlog;
    }

    /// <summary>The loop the server runs on.</summary>
    public BaseEventLoop Loop => _loop;

    /// <summary>The local endpoints the server listens on.</summary>
    public IReadOnlyList<EndPoint> EndPoints { get; }

    /// <summary>The listen backlog.</summary>
    public int Backlog { get; }

    /// <summary>Whether the server accepts connections.</summary>
    public bool IsServing => _serving && !_closed;

    /// <summary>How many accepted connections are still attached.</summary>
    public int ClientCount => _clients.Count;

    internal Func<IBaseProtocol> ProtocolFactory => _protocolFactory;

    /// <summary>Starts accepting connections; does nothing when already serving.</summary>
    /// <exception cref="InvalidOperationException">The server is closed.</exception>
    public void StartServing()
    {
        if (_closed)
        {
            throw new InvalidOperationException("The server is closed; create a new one to serve again.");
        }

        if (_serving)
        {
            return;
        }

        _serving = true;
        foreach (ILoopListener listener in _listeners)
        {
            _loop.StartServingListener(listener, this);
        }
    }

    /// <summary>Serves until the token is cancelled (then closes the server) or the server is closed.</summary>
    /// <param name="cancellationToken">Stops serving.</param>
    public async Task ServeForeverAsync(CancellationToken cancellationToken = default)
    {
        StartServing();
        LoopFuture<bool> closed = _loop.CreateFuture<bool>();
        _closedWaiters.Add(closed);
        using CancellationTokenRegistration registration = cancellationToken.Register(static s => ((LoopServer)s!).Close(), this);
        await closed;
    }

    /// <summary>Stops accepting connections and closes the listeners; accepted connections stay open.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        if (_serving)
        {
            foreach (ILoopListener listener in _listeners)
            {
                _loop.StopServingListener(listener);
            }
        }

        _serving = false;
        _listeners.Clear();
        foreach (LoopFuture<bool> waiter in _closedWaiters)
        {
            waiter.TrySetResult(true);
        }

        _closedWaiters.Clear();
        WakeIfDone();
    }

    /// <summary>Closes every accepted connection (buffered data is still sent).</summary>
    public void CloseClients()
    {
        foreach (ITransport client in _clients.ToArray())
        {
            client.Close();
        }
    }

    /// <summary>Aborts every accepted connection (peers see a reset).</summary>
    public void AbortClients()
    {
        foreach (ITransport client in _clients.ToArray())
        {
            client.Abort();
        }
    }

    /// <summary>Waits until the server is closed and every accepted connection is detached.</summary>
    public async Task WaitClosedAsync()
    {
        if (_closed && _clients.Count == 0)
        {
            return;
        }

        LoopFuture<bool> done = _loop.CreateFuture<bool>();
        _doneWaiters.Add(done);
        await done;
    }

    private readonly List<LoopFuture<bool>> _doneWaiters = new();

    /// <summary>Called by a transport when it is created for an accepted connection.</summary>
    /// <param name="transport">The transport.</param>
    internal void Attach(ITransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _clients.Add(transport);
    }

    /// <summary>Called by a transport when its connection is lost.</summary>
    /// <param name="transport">The transport.</param>
    internal void Detach(ITransport transport)
    {
        _clients.Remove(transport);
        WakeIfDone();
    }

    private void WakeIfDone()
    {
        if (!_closed || _clients.Count > 0)
        {
            return;
        }

        foreach (LoopFuture<bool> waiter in _doneWaiters)
        {
            waiter.TrySetResult(true);
        }

        _doneWaiters.Clear();
    }
}
