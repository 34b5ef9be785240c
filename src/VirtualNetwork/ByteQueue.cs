namespace SimLoop.Networking;

/// <summary>
/// A first-in first-out queue of bytes, stored as the chunks that were added. Chunks are never written after they
/// are added, so a chunk (or a slice of one) can be shared: a segment taken from a send buffer and queued at the
/// receiver is the same memory, copied only into the sender's buffer and out to the reader.
/// </summary>
internal sealed class ByteQueue
{
    private readonly Queue<ReadOnlyMemory<byte>> _chunks = new();
    private int _headOffset;

    public long Count { get; private set; }

    /// <summary>Adds a copy of <paramref name="bytes"/>.</summary>
    public void Enqueue(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.IsEmpty)
        {
            EnqueueShared(bytes.ToArray());
        }
    }

    /// <summary>Adds <paramref name="bytes"/> without copying: the caller never changes them afterwards.</summary>
    public void EnqueueShared(ReadOnlyMemory<byte> bytes)
    {
        if (!bytes.IsEmpty)
        {
            _chunks.Enqueue(bytes);
            Count += bytes.Length;
        }
    }

    /// <summary>Moves up to <paramref name="destination"/>'s length of bytes into it; returns how many.</summary>
    public int Dequeue(Span<byte> destination)
    {
        int copied = 0;
        while (copied < destination.Length && _chunks.Count > 0)
        {
            ReadOnlySpan<byte> head = _chunks.Peek().Span;
            int take = Math.Min(head.Length - _headOffset, destination.Length - copied);
            head.Slice(_headOffset, take).CopyTo(destination[copied..]);
            copied += take;
            Advance(take, head.Length);
        }

        Count -= copied;
        return copied;
    }

    /// <summary>Takes up to <paramref name="count"/> bytes: a slice of the head chunk when they lie in it, else a copy.</summary>
    public ReadOnlyMemory<byte> Dequeue(int count)
    {
        count = (int)Math.Min(count, Count);
        if (count > 0 && _chunks.Peek() is var head && head.Length - _headOffset >= count)
        {
            ReadOnlyMemory<byte> slice = head.Slice(_headOffset, count);
            Advance(count, head.Length);
            Count -= count;
            return slice;
        }

        byte[] bytes = new byte[count];
        Dequeue(bytes);
        return bytes;
    }

    public void Clear()
    {
        _chunks.Clear();
        _headOffset = 0;
        Count = 0;
    }

    private void Advance(int taken, int headLength)
    {
        _headOffset += taken;
        if (_headOffset == headLength)
        {
            _chunks.Dequeue();
            _headOffset = 0;
        }
    }
}
