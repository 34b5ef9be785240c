namespace SimLoop.Networking;

/// <summary>A first-in first-out queue of bytes, stored as the chunks that were added.</summary>
internal sealed class ByteQueue
{
    private readonly Queue<byte[]> chunks = new();
    private int headOffset;

    public long Count { get; private set; }

    public void Enqueue(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.IsEmpty)
        {
            chunks.Enqueue(bytes.ToArray());
            Count += bytes.Length;
        }
    }

    /// <summary>Moves up to <paramref name="destination"/>'s length of bytes into it; returns how many.</summary>
    public int Dequeue(Span<byte> destination)
    {
        int copied = 0;
        while (copied < destination.Length && chunks.Count > 0)
        {
            byte[] head = chunks.Peek();
            int take = Math.Min(head.Length - headOffset, destination.Length - copied);
            head.AsSpan(headOffset, take).CopyTo(destination[copied..]);
            copied += take;
            headOffset += take;
            if (headOffset == head.Length)
            {
                chunks.Dequeue();
                headOffset = 0;
            }
        }

        Count -= copied;
        return copied;
    }

    public byte[] Dequeue(int count)
    {
        byte[] bytes = new byte[Math.Min(count, Count)];
        Dequeue(bytes);
        return bytes;
    }

    public void Clear()
    {
        chunks.Clear();
        headOffset = 0;
        Count = 0;
    }
}
