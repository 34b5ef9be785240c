using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SimLoop.Transports;

namespace SimLoop.Tests.Support;

/// <summary>
/// A third-party loop written by subclassing <see cref="BaseEventLoop"/>, like CPython's <c>TestLoop</c>: a manual
/// clock that <see cref="WaitForEvents"/> advances to the next timer, a real wake-up for
/// <see cref="BaseEventLoop.CallSoonThreadSafe(Action)"/>, and an in-memory network behind the network hooks.
/// Hooks named in <see cref="WithoutHooks"/> fall back to the base, which does not implement them.
/// </summary>
public sealed class TestLoop : BaseEventLoop
{
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Dictionary<IPEndPoint, TestListener> _listeners = new();
    private long _now;
    private int _nextPort = 50000;

    public TestLoop(ILogger? logger = null, params string[] withoutHooks)
        : base(logger)
    {
        TimeProvider = new TestLoopTimeProvider(this);
        WithoutHooks = new HashSet<string>(withoutHooks, StringComparer.Ordinal);
    }

    public override long NowTicks => Interlocked.Read(ref _now);

    public override TimeProvider TimeProvider { get; }

    public ISet<string> WithoutHooks { get; }

    /// <summary>Host name to addresses, in the order the resolver returns them.</summary>
    public Dictionary<string, IPAddress[]> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name the resolver was asked for, in order.</summary>
    public List<string> Resolutions { get; } = new();

    /// <summary>Every address a connection was attempted to, in order.</summary>
    public List<IPEndPoint> ConnectAttempts { get; } = new();

    /// <summary>Addresses whose connection attempt fails with the given error.</summary>
    public Dictionary<IPEndPoint, SocketError> ConnectErrors { get; } = new();

    /// <summary>How many times <see cref="WaitForEvents"/> blocked for a thread-safe callback.</summary>
    public int IdleWaits { get; private set; }

    /// <summary>Moves the manual clock forward (a callback that takes loop time).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks);

    protected override void WaitForEvents(long? timeoutTicks)
    {
        if (timeoutTicks is { } timeout)
        {
            Advance(TimeSpan.FromTicks(timeout));
            return;
        }

        IdleWaits++;
        // Nothing is scheduled: only another thread can bring work. The bound only turns a broken test into a
        // failure instead of a hang.
        if (!_wake.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("TestLoop is idle: nothing is ready, no timer is scheduled and no thread woke it.");
        }

        _wake.Reset();
    }

    protected override void WriteToSelf() => _wake.Set();

    protected override Task<IReadOnlyList<IPAddress>> ResolveHostAsync(string host, AddressFamily family, CancellationToken cancellationToken)
    {
        if (WithoutHooks.Contains(nameof(ResolveHostAsync)))
        {
            return base.ResolveHostAsync(host, family, cancellationToken);
        }

        Resolutions.Add(host);
        IReadOnlyList<IPAddress> found = Hosts.TryGetValue(host, out IPAddress[]? addresses) ? addresses : [];
        return Task.FromResult(found);
    }

    protected override Task<ILoopStreamSocket> SocketConnectAsync(IPEndPoint remote, ConnectionOptions options, CancellationToken cancellationToken)
    {
        if (WithoutHooks.Contains(nameof(SocketConnectAsync)))
        {
            return base.SocketConnectAsync(remote, options, cancellationToken);
        }

        ConnectAttempts.Add(remote);
        if (ConnectErrors.TryGetValue(remote, out SocketError error))
        {
            return Task.FromException<ILoopStreamSocket>(new SocketException((int)error));
        }

        if (!_listeners.TryGetValue(remote, out TestListener? listener) || listener.Server is not { IsServing: true } server)
        {
            return Task.FromException<ILoopStreamSocket>(new SocketException((int)SocketError.ConnectionRefused));
        }

        var clientEnd = new IPEndPoint(IPAddress.Loopback, _nextPort++);
        var serverSocket = new TestSocket(remote, clientEnd);
        CallSoon(() => _ = AcceptConnectionAsync(serverSocket, server, clientEnd));
        return Task.FromResult<ILoopStreamSocket>(new TestSocket(clientEnd, remote));
    }

    protected override ITransport MakeSocketTransport(ILoopStreamSocket socket, IBaseProtocol protocol, LoopFuture<bool> waiter, IReadOnlyDictionary<string, object?> extra, LoopServer? server)
    {
        if (WithoutHooks.Contains(nameof(MakeSocketTransport)))
        {
            return base.MakeSocketTransport(socket, protocol, waiter, extra, server);
        }

        var transport = new TestTransport(this, protocol, extra, server);
        server?.Attach(transport);
        CallSoon(() =>
        {
            protocol.ConnectionMade(transport);
            waiter.TrySetResult(true);
        });
        return transport;
    }

    protected override ILoopListener CreateListeningSocket(IPEndPoint endPoint, int backlog)
    {
        if (WithoutHooks.Contains(nameof(CreateListeningSocket)))
        {
            return base.CreateListeningSocket(endPoint, backlog);
        }

        var bound = endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, _nextPort++) : endPoint;
        var listener = new TestListener(bound, backlog);
        _listeners.Add(bound, listener);
        return listener;
    }

    protected override void StartServing(ILoopListener listener, LoopServer server)
    {
        if (WithoutHooks.Contains(nameof(StartServing)))
        {
            base.StartServing(listener, server);
            return;
        }

        ((TestListener)listener).Server = server;
    }

    protected override void StopServing(ILoopListener listener)
    {
        if (WithoutHooks.Contains(nameof(StopServing)))
        {
            base.StopServing(listener);
            return;
        }

        var l = (TestListener)listener;
        l.Server = null;
        _listeners.Remove(l.EndPoint);
    }

    private sealed class TestListener(IPEndPoint endPoint, int backlog) : ILoopListener
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        EndPoint ILoopListener.LocalEndPoint => EndPoint;

        public int Backlog { get; } = backlog;

        public LoopServer? Server { get; set; }
    }

    private sealed record TestSocket(IPEndPoint Local, IPEndPoint Remote) : ILoopStreamSocket
    {
        public EndPoint? LocalEndPoint => Local;
    }

    private sealed class TestLoopTimeProvider(TestLoop loop) : TimeProvider
    {
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => loop.NowTicks;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(loop.NowTicks);
    }
}
