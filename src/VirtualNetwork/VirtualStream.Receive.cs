using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>The receiving direction: reassembly in sequence order, end of stream, reads.</summary>
public sealed partial class VirtualStream
{
    private readonly ByteQueue _received = new();
    private readonly SortedDictionary<long, ReadOnlyMemory<byte>> _outOfOrder = [];
    private long _expectedSequence;
    private long? _finSequence;
    private bool _endOfStream;
    private long _consumed;
    private long _advertised; // the consumed count the last window update (or probe answer) told the peer
    private long _receivedEnd; // the end of the highest segment received (in order or not)
    private PendingOperation<int>? _pendingRead;
    private Memory<byte> _pendingReadBuffer;
    private Action<PendingOperation<int>>? _onReadCancelled;

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length of bytes; waits until some are available. Returns 0 only at end
    /// of stream, or for a zero-byte buffer once data is available (without consuming it).
    /// </summary>
    /// <param name="buffer">Where to put the bytes.</param>
    /// <param name="cancellationToken">Cancels the wait; the stream stays usable.</param>
    /// <returns>The number of bytes read.</returns>
    /// <exception cref="IOException">The connection was reset, aborted, timed out, or this end was closed meanwhile.</exception>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pendingRead is not null)
        {
            throw new InvalidOperationException("A read is already pending on this stream; await it before reading again.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        if (_failure is { } error)
        {
            return ValueTask.FromException<int>(ReadError(error));
        }

        if (TryRead(buffer, out int count))
        {
            return new ValueTask<int>(count);
        }

        PendingOperation<int> operation = PendingOperation<int>.Start(_network, cancellationToken, _onReadCancelled ??= o =>
        {
            if (_pendingRead == o)
            {
                _pendingRead = null;
                _pendingReadBuffer = default;
            }
        });
        _pendingRead = operation;
        _pendingReadBuffer = buffer;
        return new ValueTask<int>(operation.Task);
    }

    internal string? OnData(long sequence, ReadOnlyMemory<byte> segment)
    {
        if (!IsAlive || _disposed)
        {
            // Nobody will read these bytes: a TCP stack answers data for a closed or unknown connection with a reset.
            AnswerWithReset();
            return null;
        }

        _receivedEnd = Math.Max(_receivedEnd, sequence + segment.Length);
        if (sequence == _expectedSequence)
        {
            Append(segment);
            while (_outOfOrder.Count > 0 && _outOfOrder.Remove(_expectedSequence, out ReadOnlyMemory<byte> next))
            {
                Append(next);
            }
        }
        else if (sequence > _expectedSequence)
        {
            _outOfOrder.TryAdd(sequence, segment);
        }

        CompletePendingRead();
        return null;
    }

    internal string? OnFin(long sequence)
    {
        if (!IsAlive)
        {
            AnswerWithReset();
        }
        else if (!_disposed)
        {
            _finSequence = sequence;
            _endOfStream |= _finSequence == _expectedSequence;
            CompletePendingRead();
        }

        return null;
    }

    /// <summary>A zero-window probe arrived: answers with the window (not retransmitted), or with a reset when nobody will read.</summary>
    private string? OnWindowProbe()
    {
        if (!IsAlive || _disposed)
        {
            AnswerWithReset();
        }
        else if (Peer is { } peer)
        {
            long value = _consumed;
            _advertised = value;
            _network.Transmit(Host, peer.Host, MessageKind.WindowUpdate, 0, new MessageDetail(Label, "ack", value), new Delivery(null, peer, value), reliability: null, link: LinkToPeer);
        }

        return null;
    }

    private static IOException ReadError(SocketError error) => SocketErrors.Stream(error, "read data from");

    private void Append(ReadOnlyMemory<byte> segment)
    {
        _received.EnqueueShared(segment);
        _expectedSequence += segment.Length;
        _endOfStream |= _finSequence == _expectedSequence;
    }

    private bool TryRead(Memory<byte> buffer, out int count)
    {
        count = 0;
        if (_received.Count > 0)
        {
            if (!buffer.IsEmpty)
            {
                count = _received.Dequeue(buffer.Span);
                _consumed += count;
                if (ShouldAdvertiseWindow())
                {
                    SendWindowUpdate();
                }
            }

            return true;
        }

        return _endOfStream;
    }

    private void CompletePendingRead()
    {
        if (_pendingRead is { } operation && TryRead(_pendingReadBuffer, out int count))
        {
            _pendingRead = null;
            _pendingReadBuffer = default;
            operation.TrySetResult(count);
        }
    }

    /// <summary>
    /// Whether a read's consumed bytes are worth a window update now (TCP's receiver-side silly window syndrome
    /// avoidance, RFC 1122 4.2.3.3): when the window opened by at least min(half the receive buffer, one MTU) since the
    /// last update, or when the window the peer may still believe it has is smaller than that (it may be waiting for
    /// this update). Otherwise the opening waits for a later read; a peer that waits meanwhile has a closed window,
    /// which the second test sees once its bytes arrived, and its persist probes are answered with the window.
    /// </summary>
    private bool ShouldAdvertiseWindow()
    {
        long threshold = Math.Max(1, Math.Min(_network.Options.ReceiveBufferSize / 2, _network.Options.Mtu));
        long peerWindow = _network.Options.ReceiveBufferSize - (_receivedEnd - _advertised);
        return _consumed - _advertised >= threshold || peerWindow < threshold;
    }

    private void SendWindowUpdate()
    {
        if (Peer is { } peer && CanTransmit)
        {
            long value = _consumed;
            _advertised = value;
            TransmitReliably(MessageKind.WindowUpdate, 0, new MessageDetail(Label, "ack", value), new Delivery(null, peer, value));
        }
    }
}
