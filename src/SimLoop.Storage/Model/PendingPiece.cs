namespace SimLoop.Storage.Model;

/// <summary>
/// One unsynced change to a file's data, in the order it was made: a write of at most one sector's worth of bytes
/// that never crosses a sector boundary, or a length change. A crash keeps a prefix of a file's pieces.
/// </summary>
/// <param name="Offset">Where the bytes go, or the new length of a length change.</param>
/// <param name="Bytes">The bytes written, or null for a length change.</param>
internal readonly record struct PendingPiece(long Offset, byte[]? Bytes)
{
    public void ApplyTo(FileBytes contents)
    {
        if (Bytes is null)
        {
            contents.SetLength(Offset);
        }
        else
        {
            contents.Write(Offset, Bytes);
        }
    }

    /// <summary>Splits a write at sector boundaries of the file's offsets.</summary>
    public static void Split(long offset, ReadOnlySpan<byte> data, int sectorSize, List<PendingPiece> into)
    {
        int done = 0;
        while (done < data.Length)
        {
            long at = offset + done;
            long sectorEnd = (at / sectorSize + 1) * sectorSize;
            int count = (int)Math.Min(data.Length - done, sectorEnd - at);
            into.Add(new PendingPiece(at, data.Slice(done, count).ToArray()));
            done += count;
        }
    }
}
