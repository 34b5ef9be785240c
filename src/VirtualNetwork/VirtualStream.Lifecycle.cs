using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>Connection set-up and teardown: connect, accept, reset, abort, close, host crash.</summary>
public sealed partial class VirtualStream
{
    private SocketError? _failure;
    private bool _aborted;
    private bool _ownsLocalPort;
    private PendingOperation<VirtualStream>? _connect;
    private IScheduledCallback? _connectTimeout;
    private IScheduledCallback? _synTimer;
    private VirtualHost? _connectTarget;

    /// <summary>Whether this is a client end whose connect is still pending.</summary>
    internal bool IsConnecting => _connect is { IsPending: true } && !IsStale;

    /// <summary>Whether this end may still put messages on the wire.</summary>
    private bool CanTransmit => _failure is null && !_aborted && !IsStale;

    /// <summary>
    /// Resets the connection: pending bytes are discarded, the peer fails with <see cref="SocketError.ConnectionReset"/>
    /// on its next read or write, and this end is closed.
    /// </summary>
    public void Abort()
    {
        if (_disposed)
        {
            return;
        }

        _network.Record(NetworkEventKind.Reset, Host.Name, Peer?.Host.Name ?? string.Empty, $"{Label} abort");
        if (CanTransmit)
        {
            SendReset(evenFromDownHost: false);
        }

        _sendBuffer.Clear();
        CloseLocally();
    }

    /// <summary>
    /// Starts connecting (client end) to <paramref name="to"/>; the task completes in a scheduler callback. The SYN is
    /// sent again each time its timeout (doubling) expires without a SYN-ACK, as TCP does.
    /// </summary>
    internal Task<VirtualStream> Connect(VirtualHost to, CancellationToken cancellationToken)
    {
        _ownsLocalPort = true;
        PendingOperation<VirtualStream> operation = PendingOperation<VirtualStream>.Start(_network, cancellationToken, _ => EndConnect("cancelled"));
        _connect = operation;
        _connectTarget = to;
        _network.Record(NetworkEventKind.Connect, Host.Name, to.Name, Label);
        if (_network.Options.ConnectTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan)
        {
            _connectTimeout = _network.ScheduleAt(VirtualDeadline.After(_network.NowTicks, timeout.Ticks), () => FailConnect(SocketError.TimedOut));
        }

        SendSyn(0);
        return operation.Task;
    }

    /// <summary>The server end the listener made for this client end (to answer a repeated SYN), if any.</summary>
    internal VirtualStream? ServerEnd { get; set; }

    /// <summary>Whether this end still takes part in its connection (it has not failed, been reset, or outlived a crash).</summary>
    internal bool IsAlive => CanTransmit;

    /// <summary>Sends the SYN-ACK of an accepted connection (server end) to <paramref name="client"/>; reliably the first time, as an answer to a repeated SYN after.</summary>
    internal void SendSynAck(VirtualStream client, bool again)
    {
        var delivery = new Func<string?>(() => client.OnSynAck(this));
        if (again)
        {
            _network.Transmit(Host, client.Host, MessageKind.SynAck, 0, Label, delivery, reliability: null);
        }
        else
        {
            TransmitReliably(MessageKind.SynAck, 0, Label, delivery);
        }
    }

    private void SendSyn(int attempt)
    {
        VirtualHost to = _connectTarget!;
        _network.Transmit(Host, to, MessageKind.Syn, 0, new MessageDetail(Label, Attempt: attempt), new Func<string?>(() => _network.OfferConnection(to, this)), reliability: null);
        long deadline = _network.RetransmissionDeadline(_network.NowTicks, _network.Options.SynRetransmissionTimeout.Ticks, attempt);
        _synTimer = _network.ScheduleAt(deadline, () => OnSynTimeout(attempt));
    }

    private void OnSynTimeout(int attempt)
    {
        _synTimer = null;
        if (!IsConnecting)
        {
            return;
        }

        if (attempt >= _network.Options.MaxSynRetransmissions)
        {
            FailConnect(SocketError.TimedOut);
            return;
        }

        SendSyn(attempt + 1);
    }

    internal string? OnSynAck(VirtualStream server)
    {
        if (_connect is { IsPending: true } operation && CanTransmit)
        {
            Peer = server;
            VirtualNetwork.CancelScheduled(_connectTimeout);
            VirtualNetwork.CancelScheduled(_synTimer);
            operation.TrySetResult(this);
        }
        else if (Peer == server && CanTransmit)
        {
            // A repeated SYN-ACK (the answer to a repeated SYN, or a retransmission) of the connection already made.
        }
        else
        {
            // The connect was abandoned (cancelled, timed out, crashed), or this end no longer takes part: tell the server end.
            _network.Transmit(Host, server.Host, MessageKind.Reset, 0, Label, new Func<string?>(() => server.OnReset()), reliability: null);
        }

        return null;
    }

    internal string? OnReset()
    {
        if (_connect is { IsPending: true })
        {
            FailConnect(SocketError.ConnectionRefused);
        }
        else if (_failure is null && !_aborted && !IsStale)
        {
            _network.Record(NetworkEventKind.Reset, Host.Name, Peer?.Host.Name ?? string.Empty, $"{Label} by peer");
            _received.Clear();
            Fail(SocketError.ConnectionReset);
        }

        return null;
    }

    /// <summary>The host crashed: the peer is reset, pending operations fail with <see cref="SocketError.ConnectionAborted"/>.</summary>
    internal void OnHostCrashed()
    {
        if (_connect is { IsPending: true })
        {
            _network.Post(() => FailConnect(SocketError.ConnectionAborted));
            return;
        }

        if (_failure is null && !_aborted)
        {
            SendReset(evenFromDownHost: true);
            _failure = SocketError.ConnectionAborted;
            _network.Post(() => FailPendingOperations(SocketError.ConnectionAborted));
        }
    }

    /// <summary>Closes this end gracefully: bytes already written are still sent, followed by FIN.</summary>
    /// <param name="disposing">True when called from <see cref="Stream.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _network.Record(NetworkEventKind.Closed, Host.Name, Peer?.Host.Name ?? string.Empty, Label);
            if (!_writeShut && CanTransmit)
            {
                _writeShut = true;
                SendSegments();
            }

            CloseLocally();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Answers a message that reached an end which no longer takes part in the connection (failed, reset, closed or
    /// forgotten by a crash) with a reset, as a TCP stack answers a segment for a connection it does not know.
    /// </summary>
    private void AnswerWithReset()
    {
        _network.Record(NetworkEventKind.Reset, Host.Name, Peer?.Host.Name ?? string.Empty, $"{Label} answer");
        SendReset(evenFromDownHost: false);
    }

    private void SendReset(bool evenFromDownHost)
    {
        _aborted = true;
        if (Peer is { } peer)
        {
            _network.Transmit(Host, peer.Host, MessageKind.Reset, 0, Label, new Func<string?>(() => peer.OnReset()), reliability: null, evenFromDownHost: evenFromDownHost);
        }
    }

    /// <summary>Fails the connection (reset by the peer, retransmissions exhausted); runs inside a scheduler callback.</summary>
    private void Fail(SocketError error)
    {
        if (_connect is { IsPending: true })
        {
            FailConnect(error);
        }
        else if (_failure is null)
        {
            _failure = error;
            if (error != SocketError.ConnectionReset)
            {
                _network.Record(NetworkEventKind.Closed, Host.Name, Peer?.Host.Name ?? string.Empty, $"{Label} {error}");
            }

            FailPendingOperations(error);
        }
    }

    private void FailPendingOperations(SocketError error)
    {
        if (_pendingRead is { } read)
        {
            _pendingRead = null;
            _pendingReadBuffer = default;
            read.TrySetException(ReadError(error));
        }

        if (_pendingWrite is { } write)
        {
            _pendingWrite = null;
            _pendingWriteRest = default;
            write.TrySetException(WriteError(error));
        }
    }

    private void FailConnect(SocketError error)
    {
        if (_connect is { IsPending: true } operation)
        {
            EndConnect(error.ToString());
            operation.TrySetException(SocketErrors.Socket(error));
        }
    }

    private void EndConnect(string why)
    {
        VirtualNetwork.CancelScheduled(_connectTimeout);
        VirtualNetwork.CancelScheduled(_synTimer);
        _network.Record(NetworkEventKind.Closed, Host.Name, string.Empty, $"{Label} connect {why}");
        CloseLocally();
    }

    /// <summary>Marks this end closed, frees its port, and fails local pending operations with OperationAborted (in a callback).</summary>
    private void CloseLocally()
    {
        _disposed = true;
        if (!IsStale)
        {
            Host.RemoveStream(this);
            if (_ownsLocalPort)
            {
                Host.ReleaseTcpPort(LocalEndPoint.Port);
            }
        }

        if (_pendingRead is not null || _pendingWrite is not null)
        {
            _network.Post(() => FailPendingOperations(SocketError.OperationAborted));
        }
    }
}
