using SimLoop.Storage.Seam;

namespace SimLoop.Storage.Model;

internal sealed partial class SimulatedDisk
{
    /// <summary>Writes to the page cache: the bytes are visible at once and pending (sector by sector) until an fsync.</summary>
    public void Write(FileNode node, string path, long offset, ReadOnlySpan<byte> data)
    {
        ThrowIfDown(path);
        if (data.IsEmpty)
        {
            return;
        }

        ThrowIfFull(node, path, offset + data.Length);
        node.Cached.Write(offset, data);
        PendingPiece.Split(offset, data, Options.SectorSize, node.Pending);
        node.LastWriteTicks = NowTicks;
        Record(StorageEventKind.Write, path, $"@{offset} {data.Length}B");
    }

    /// <summary>Sets the file's length in the page cache (pending until an fsync).</summary>
    public void SetLength(FileNode node, string path, long length)
    {
        ThrowIfDown(path);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ThrowIfFull(node, path, length);
        node.Cached.SetLength(length);
        node.Pending.Add(new PendingPiece(length, null));
        node.LastWriteTicks = NowTicks;
        Record(StorageEventKind.Truncate, path, $"to {length}B");
    }

    /// <summary>Reads from the page cache; with the read-corruption fault, one bit of what was read comes back flipped.</summary>
    public int Read(FileNode node, string path, long offset, Span<byte> destination)
    {
        ThrowIfDown(path);
        int count = node.Cached.Read(offset, destination);
        double p = Options.Faults.ReadCorruptionProbability;
        if (count > 0 && p > 0 && Fault.NextDouble() >= 1 - p)
        {
            int index = Fault.Next(count);
            int bit = Fault.Next(8);
            destination[index] ^= (byte)(1 << bit);
            Record(StorageEventKind.Fault, path, $"corrupt read: bit {bit} of byte {offset + index} flipped");
        }

        Record(StorageEventKind.Read, path, $"@{offset} {count}B");
        return count;
    }

    /// <summary>fsync: the file's data and length become durable, unless the fsync-failure fault fires (EIO, nothing made durable).</summary>
    public void Sync(FileNode node, string path)
    {
        ThrowIfDown(path);
        double p = Options.Faults.SyncFailureProbability;
        if (p > 0 && Fault.NextDouble() >= 1 - p)
        {
            Record(StorageEventKind.Fault, path, $"fsync fails (EIO), {node.Pending.Count} pieces stay unsynced");
            throw StorageErrors.Eio(path, "fsync failed");
        }

        int pieces = node.Pending.Count;
        node.MakeDurable();
        Record(StorageEventKind.Sync, path, $"{pieces} pieces durable, {node.Cached.Length}B");
    }

    private void ThrowIfFull(FileNode node, string path, long newEnd)
    {
        if (Options.CapacityBytes is not { } capacity || newEnd <= node.Cached.Length)
        {
            return;
        }

        long used = 0;
        bool counted = false;
        foreach (KeyValuePair<string, FileNode?> entry in _cached.Entries)
        {
            if (entry.Value is { } file)
            {
                used += file.Cached.Length;
                counted |= ReferenceEquals(file, node);
            }
        }

        if (!counted)
        {
            used += node.Cached.Length;
        }

        if (used + (newEnd - node.Cached.Length) > capacity)
        {
            Record(StorageEventKind.Fault, path, $"disk full (ENOSPC): {used}B used of {capacity}B");
            throw StorageErrors.DiskFull(path);
        }
    }
}
