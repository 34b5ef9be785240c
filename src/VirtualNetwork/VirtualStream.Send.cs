using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>The sending direction: send buffer, segmentation by MTU, the receive window, half-close.</summary>
public sealed partial class VirtualStream
{
    private readonly ByteQueue _sendBuffer = new();
    private long _nextSequence;
    private long _peerConsumed;
    private bool _writeShut;
    private bool _finSent;
    private PendingOperation<int>? _pendingWrite;
    private ReadOnlyMemory<byte> _pendingWriteRest;
    private Reliability? _reliability;
    private Action<PendingOperation<int>>? _onWriteCancelled;
    private LinkState? _linkToPeer;

    /// <summary>
    /// Copies <paramref name="buffer"/> into the send buffer; completes when all of it is buffered, so it waits while
    /// the send buffer is full (the peer's receive window is full when its reader does not read).
    /// </summary>
    /// <param name="buffer">The bytes to send.</param>
    /// <param name="cancellationToken">Cancels the wait (bytes already buffered are still sent).</param>
    /// <returns>A task that completes when the bytes are buffered.</returns>
    /// <exception cref="IOException">The connection failed, or this end already called <see cref="ShutdownWrite"/>.</exception>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pendingWrite is not null)
        {
            throw new InvalidOperationException("A write is already pending on this stream; await it before writing again.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if ((_failure ?? (_writeShut ? SocketError.Shutdown : null)) is { } error)
        {
            return ValueTask.FromException(WriteError(error));
        }

        ReadOnlyMemory<byte> rest = FillSendBuffer(buffer);
        if (rest.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        PendingOperation<int> operation = PendingOperation<int>.Start(_network, cancellationToken, _onWriteCancelled ??= o =>
        {
            if (_pendingWrite == o)
            {
                _pendingWrite = null;
                _pendingWriteRest = default;
            }
        });
        _pendingWrite = operation;
        _pendingWriteRest = rest;
        return new ValueTask(operation.Task);
    }

    /// <summary>
    /// Half-closes the connection: bytes already written are still delivered, then the peer reads end of stream;
    /// this end can still read. Further writes fail with <see cref="SocketError.Shutdown"/>.
    /// </summary>
    /// <exception cref="IOException">The connection already failed.</exception>
    public void ShutdownWrite()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is { } error)
        {
            throw SocketErrors.Stream(error, "shut down");
        }

        if (_writeShut)
        {
            return;
        }

        _writeShut = true;
        _network.Record(NetworkEventKind.Shutdown, Host.Name, Peer?.Host.Name ?? string.Empty, Label);
        if (_pendingWrite is { } operation)
        {
            _pendingWrite = null;
            _pendingWriteRest = default;
            _network.Post(() => operation.TrySetException(WriteError(SocketError.Shutdown)));
        }

        SendSegments();
    }

    internal string? OnWindowUpdate(long consumedByPeer)
    {
        if (!IsAlive)
        {
            AnswerWithReset();
            return null;
        }

        OnWindowAnswer();
        _peerConsumed = Math.Max(_peerConsumed, consumedByPeer);
        SendSegments();
        if (_pendingWrite is { } operation)
        {
            _pendingWriteRest = FillSendBuffer(_pendingWriteRest);
            if (_pendingWriteRest.IsEmpty)
            {
                _pendingWrite = null;
                operation.TrySetResult(0);
            }
        }

        return null;
    }

    /// <summary>
    /// Buffers all of <paramref name="data"/> now if it fits in the send buffer and nothing stops a write (no pending
    /// write, no failure, not shut or disposed): what <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
    /// does when it completes at once, without the caller copying the bytes first. False, with nothing buffered, otherwise.
    /// </summary>
    internal bool TryWriteAll(ReadOnlySpan<byte> data)
    {
        if (_disposed || _pendingWrite is not null || _failure is not null || _writeShut || data.Length > _network.Options.SendBufferSize - _sendBuffer.Count)
        {
            return false;
        }

        _sendBuffer.Enqueue(data);
        SendSegments();
        return true;
    }

    private static IOException WriteError(SocketError error) => SocketErrors.Stream(error, "write data to");

    private ReadOnlyMemory<byte> FillSendBuffer(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            long space = _network.Options.SendBufferSize - _sendBuffer.Count;
            if (space <= 0)
            {
                break;
            }

            int take = (int)Math.Min(space, data.Length);
            _sendBuffer.Enqueue(data.Span[..take]);
            data = data[take..];
            SendSegments();
        }

        return data;
    }

    /// <summary>Sends buffered bytes as MTU-sized segments while the peer's receive window allows, then FIN if shut.</summary>
    private void SendSegments()
    {
        if (Peer is not { } peer || !CanTransmit)
        {
            return;
        }

        while (_sendBuffer.Count > 0)
        {
            long window = PeerWindow;
            if (window <= 0)
            {
                break;
            }

            int length = (int)Math.Min(Math.Min(_sendBuffer.Count, _network.Options.Mtu), window);
            ReadOnlyMemory<byte> segment = _sendBuffer.Dequeue(length);
            long sequence = _nextSequence;
            _nextSequence += length;
            TransmitReliably(MessageKind.Data, length, new MessageDetail(Label, "seq", sequence, length), new Delivery(null, peer, sequence, segment));
        }

        if (_writeShut && !_finSent && _sendBuffer.Count == 0)
        {
            _finSent = true;
            long sequence = _nextSequence;
            TransmitReliably(MessageKind.Fin, 0, new MessageDetail(Label, "seq", sequence), new Delivery(null, peer, sequence));
        }

        UpdatePersistTimer();
    }

    /// <summary>Sends a message to the peer, retransmitted while this end can transmit (one <see cref="Reliability"/> per stream).</summary>
    private void TransmitReliably(MessageKind kind, int size, MessageDetail detail, Delivery delivery) =>
        _network.TransmitReliably(Host, Peer!.Host, kind, size, detail, delivery,
            _reliability ??= new Reliability(() => CanTransmit, () => Fail(SocketError.TimedOut), _network.Options.MaxRetransmissions, _network.Options.RetransmissionTimeout.Ticks),
            LinkToPeer);

    /// <summary>The state of the link from this end's host to the peer's (looked up once per stream end).</summary>
    private LinkState LinkToPeer => _linkToPeer ??= _network.LinkStateOf(Host, Peer!.Host);

    /// <summary>A stream message arrived from the peer (see <see cref="Delivery"/>).</summary>
    internal string? Receive(MessageKind kind, long sequence, ReadOnlyMemory<byte> payload) => kind switch
    {
        MessageKind.Data => OnData(sequence, payload),
        MessageKind.Fin => OnFin(sequence),
        MessageKind.WindowUpdate => OnWindowUpdate(sequence),
        MessageKind.WindowProbe => OnWindowProbe(),
        _ => throw new InvalidOperationException($"A stream end does not receive {kind} messages this way."),
    };
}
