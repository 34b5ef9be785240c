using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>The receiving direction: reassembly in sequence order, end of stream, reads.</summary>
public sealed partial class VirtualStream
{
    private readonly ByteQueue received = new();
    private readonly SortedDictionary<long, ReadOnlyMemory<byte>> outOfOrder = [];
    private long expectedSequence;
    private long? finSequence;
    private bool endOfStream;
    private long consumed;
    private PendingOperation<int>? pendingRead;
    private Memory<byte> pendingReadBuffer;
    private Action<PendingOperation<int>>? onReadCancelled;

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
        ObjectDisposedException.ThrowIf(disposed, this);
        if (pendingRead is not null)
        {
            throw new InvalidOperationException("A read is already pending on this stream; await it before reading again.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        if (failure is { } error)
        {
            return ValueTask.FromException<int>(ReadError(error));
        }

        if (TryRead(buffer, out int count))
        {
            return new ValueTask<int>(count);
        }

        PendingOperation<int> operation = PendingOperation<int>.Start(network, cancellationToken, onReadCancelled ??= o =>
        {
            if (pendingRead == o)
            {
                pendingRead = null;
                pendingReadBuffer = default;
            }
        });
        pendingRead = operation;
        pendingReadBuffer = buffer;
        return new ValueTask<int>(operation.Task);
    }

    internal string? OnData(long sequence, ReadOnlyMemory<byte> segment)
    {
        if (!IsAlive || disposed)
        {
            // Nobody will read these bytes: a TCP stack answers data for a closed or unknown connection with a reset.
            AnswerWithReset();
            return null;
        }

        if (sequence == expectedSequence)
        {
            Append(segment);
            while (outOfOrder.Count > 0 && outOfOrder.Remove(expectedSequence, out ReadOnlyMemory<byte> next))
            {
                Append(next);
            }
        }
        else if (sequence > expectedSequence)
        {
            outOfOrder.TryAdd(sequence, segment);
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
        else if (!disposed)
        {
            finSequence = sequence;
            endOfStream |= finSequence == expectedSequence;
            CompletePendingRead();
        }

        return null;
    }

    /// <summary>A zero-window probe arrived: answers with the window (not retransmitted), or with a reset when nobody will read.</summary>
    private string? OnWindowProbe()
    {
        if (!IsAlive || disposed)
        {
            AnswerWithReset();
        }
        else if (Peer is { } peer)
        {
            long value = consumed;
            network.Transmit(Host, peer.Host, MessageKind.WindowUpdate, 0, new MessageDetail(Label, "ack", value), new Delivery(null, peer, value), reliability: null);
        }

        return null;
    }

    private static IOException ReadError(SocketError error) => SocketErrors.Stream(error, "read data from");

    private void Append(ReadOnlyMemory<byte> segment)
    {
        received.EnqueueShared(segment);
        expectedSequence += segment.Length;
        endOfStream |= finSequence == expectedSequence;
    }

    private bool TryRead(Memory<byte> buffer, out int count)
    {
        count = 0;
        if (received.Count > 0)
        {
            if (!buffer.IsEmpty)
            {
                count = received.Dequeue(buffer.Span);
                consumed += count;
                SendWindowUpdate();
            }

            return true;
        }

        return endOfStream;
    }

    private void CompletePendingRead()
    {
        if (pendingRead is { } operation && TryRead(pendingReadBuffer, out int count))
        {
            pendingRead = null;
            pendingReadBuffer = default;
            operation.TrySetResult(count);
        }
    }

    private void SendWindowUpdate()
    {
        if (Peer is { } peer && CanTransmit)
        {
            long value = consumed;
            TransmitReliably(MessageKind.WindowUpdate, 0, new MessageDetail(Label, "ack", value), new Delivery(null, peer, value));
        }
    }
}
