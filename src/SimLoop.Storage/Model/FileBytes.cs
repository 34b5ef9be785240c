namespace SimLoop.Storage.Model;

/// <summary>A growable byte array with a length: the contents of one file (in the page cache or on the durable image).</summary>
internal sealed class FileBytes
{
    private byte[] _bytes;

    public FileBytes(byte[]? initial = null)
    {
        _bytes = initial is null ? [] : (byte[])initial.Clone();
        Length = _bytes.Length;
    }

    public long Length { get; private set; }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>; a gap past the end reads as zeros.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        long end = offset + data.Length;
        EnsureCapacity(end);
        if (offset > Length)
        {
            Array.Clear(_bytes, (int)Length, (int)(offset - Length));
        }

        data.CopyTo(_bytes.AsSpan((int)offset));
        Length = Math.Max(Length, end);
    }

    /// <summary>Shrinks or extends (with zeros) to <paramref name="length"/>.</summary>
    public void SetLength(long length)
    {
        EnsureCapacity(length);
        if (length > Length)
        {
            Array.Clear(_bytes, (int)Length, (int)(length - Length));
        }

        Length = length;
    }

    /// <summary>Copies up to <paramref name="destination"/>'s length from <paramref name="offset"/>; returns the count (0 at the end).</summary>
    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length)
        {
            return 0;
        }

        int count = (int)Math.Min(destination.Length, Length - offset);
        _bytes.AsSpan((int)offset, count).CopyTo(destination);
        return count;
    }

    public byte[] ToArray() => _bytes.AsSpan(0, (int)Length).ToArray();

    private void EnsureCapacity(long length)
    {
        if (length > int.MaxValue)
        {
            throw new IOException($"A simulated file cannot exceed {int.MaxValue} bytes.", StorageErrors.NoSpaceLeft);
        }

        if (length > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Max(length, Math.Min(int.MaxValue, _bytes.Length * 2L)));
        }
    }
}
