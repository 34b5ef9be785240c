using System.Diagnostics;

namespace SimLoop.Storage.Model;

/// <summary>
/// One file (an inode): its contents in the page cache, its contents on the durable image, and the unsynced pieces
/// between the two, in order. Replaying <see cref="Pending"/> over <see cref="Durable"/> gives <see cref="Cached"/>.
/// </summary>
[DebuggerDisplay("FileNode {Id} cached={Cached.Length} durable={Durable.Length} pending={Pending.Count}")]
internal sealed class FileNode
{
    public FileNode(long id, long nowTicks)
    {
        Id = id;
        LastWriteTicks = nowTicks;
        CreationTicks = nowTicks;
    }

    public long Id { get; }

    public FileBytes Cached { get; private set; } = new();

    public byte[] Durable { get; private set; } = [];

    public List<PendingPiece> Pending { get; } = new();

    public long LastWriteTicks { get; set; }

    public long CreationTicks { get; set; }

    public FileAttributes Attributes { get; set; } = FileAttributes.Normal;

    /// <summary>fsync: the cached contents become the durable ones.</summary>
    public void MakeDurable()
    {
        Durable = Cached.ToArray();
        Pending.Clear();
    }

    /// <summary>A crash: keeps the first <paramref name="keptPieces"/> unsynced pieces; the page cache is rebuilt from the result.</summary>
    public void Recover(int keptPieces)
    {
        var recovered = new FileBytes(Durable);
        for (int i = 0; i < keptPieces; i++)
        {
            Pending[i].ApplyTo(recovered);
        }

        Durable = recovered.ToArray();
        Pending.Clear();
        Cached = new FileBytes(Durable);
    }
}
