using SimLoop.Storage.Seam;

namespace SimLoop.Storage.Model;

internal sealed partial class SimulatedDisk
{
    /// <summary>
    /// The host crashed: the page cache is lost. The durable namespace keeps a seeded prefix of the unsynced journal;
    /// each file it names keeps a seeded prefix of its unsynced pieces (whole sectors). The rest is gone.
    /// </summary>
    public void Crash()
    {
        if (!IsUp)
        {
            return;
        }

        IsUp = false;
        Generation++;
        int keptChanges = _journal.Count - Torn.Next(_journal.Count + 1); // a draw of 0, the simplest, keeps everything
        for (int i = 0; i < keptChanges; i++)
        {
            _durable.Apply(_journal[i]);
        }

        Record(StorageEventKind.Crash, "/", $"keeps {keptChanges} of {_journal.Count} unsynced namespace changes");
        _journal.Clear();
        foreach (KeyValuePair<string, FileNode?> entry in _durable.Entries)
        {
            if (entry.Value is { Pending.Count: > 0 } node)
            {
                int pending = node.Pending.Count;
                int kept = pending - Torn.Next(pending + 1);
                node.Recover(kept);
                Record(StorageEventKind.Crash, entry.Key, $"keeps {kept} of {pending} unsynced pieces, {node.Durable.Length}B");
            }
            else if (entry.Value is { } clean)
            {
                clean.Recover(0);
            }
        }

        _cached = _durable.Clone();
    }

    /// <summary>The host restarts: its disk comes back as the durable image.</summary>
    public void Restart()
    {
        if (IsUp)
        {
            return;
        }

        IsUp = true;
        Record(StorageEventKind.Restart, "/", $"generation {Generation}");
    }
}
