using System.Diagnostics;
using SimLoop.Storage.Seam;

namespace SimLoop.Storage.Model;

/// <summary>
/// The disk of one host: a page cache (what running code sees) over a durable image (what survives a crash). Data
/// changes are pending per file until an fsync; namespace changes are pending in one journal until a directory sync.
/// A crash keeps a seeded prefix of each (see README.md, "Crash model"). Paths given here are full and normalised.
/// Everything runs on the simulation thread.
/// </summary>
[DebuggerDisplay("SimulatedDisk {Host} up={IsUp} journal={_journal.Count}")]
internal sealed partial class SimulatedDisk
{
    private readonly IStorageScheduler _scheduler;
    private readonly List<NamespaceChange> _journal = new();
    private FileTree _cached = new();
    private FileTree _durable = new();
    private long _nextNodeId = 1;
    private Random? _torn;
    private Random? _latency;
    private Random? _fault;

    public SimulatedDisk(string host, IStorageScheduler scheduler, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        Host = host;
        _scheduler = scheduler;
        Options = options.Clone();
    }

    public string Host { get; }

    public StorageOptions Options { get; }

    /// <summary>Whether the host is up; every operation on a crashed host fails with EIO.</summary>
    public bool IsUp { get; private set; } = true;

    /// <summary>How many times the disk crashed: a stream opened before a crash fails with EIO after it.</summary>
    public int Generation { get; private set; }

    public long NowTicks => _scheduler.NowTicks;

    /// <summary>How many namespace changes are not yet made durable by a directory sync.</summary>
    public int UnsyncedNamespaceChanges => _journal.Count;

    internal IStorageScheduler Scheduler => _scheduler;

    private Random Torn => _torn ??= _scheduler.GetRandom(StorageConcerns.ForHost(StorageConcerns.Torn, Host));

    private Random Latency => _latency ??= _scheduler.GetRandom(StorageConcerns.ForHost(StorageConcerns.Latency, Host));

    private Random Fault => _fault ??= _scheduler.GetRandom(StorageConcerns.ForHost(StorageConcerns.Fault, Host));

    public bool IsFile(string path) => _cached.IsFile(path);

    public bool IsDirectory(string path) => _cached.IsDirectory(path);

    public FileNode? FindFile(string path) => _cached.FindFile(path);

    /// <summary>Throws the EIO a crashed host's disk gives.</summary>
    public void ThrowIfDown(string path)
    {
        if (!IsUp)
        {
            throw StorageErrors.Eio(path, $"host {Host} is crashed");
        }
    }

    /// <summary>Opens (and per <paramref name="mode"/> creates or truncates) the file at <paramref name="path"/>.</summary>
    public FileNode Open(string path, FileMode mode, FileAccess access)
    {
        ThrowIfDown(path);
        if (_cached.IsDirectory(path))
        {
            throw StorageErrors.IsDirectory(path);
        }

        FileNode? node = _cached.FindFile(path);
        if (node is null)
        {
            if (mode is FileMode.Open or FileMode.Truncate)
            {
                throw StorageErrors.FileNotFound(path);
            }

            RequireParent(path);
            node = new FileNode(_nextNodeId++, NowTicks);
            Change(new NamespaceChange(NamespaceChangeKind.CreateFile, path, null, node), StorageEventKind.Create, path, $"node {node.Id}");
        }
        else if (mode == FileMode.CreateNew)
        {
            throw StorageErrors.Exists(path);
        }
        else if (mode is FileMode.Create or FileMode.Truncate && node.Cached.Length > 0)
        {
            SetLength(node, path, 0);
        }

        Record(StorageEventKind.Open, path, $"{mode} {access} node {node.Id}");
        return node;
    }

    public void CreateDirectory(string path)
    {
        ThrowIfDown(path);
        if (_cached.IsFile(path))
        {
            throw StorageErrors.Exists(path);
        }

        if (_cached.IsDirectory(path))
        {
            return;
        }

        if (Parent(path) is { } parent)
        {
            CreateDirectory(parent);
        }

        Change(new NamespaceChange(NamespaceChangeKind.CreateDirectory, path, null, null), StorageEventKind.CreateDirectory, path, "");
    }

    public void DeleteFile(string path)
    {
        ThrowIfDown(path);
        if (_cached.IsDirectory(path))
        {
            throw StorageErrors.IsDirectory(path);
        }

        if (Parent(path) is { } parent && !_cached.IsDirectory(parent))
        {
            throw StorageErrors.DirectoryNotFound(path);
        }

        if (_cached.IsFile(path))
        {
            Change(new NamespaceChange(NamespaceChangeKind.DeleteFile, path, null, null), StorageEventKind.Delete, path, "");
        }
    }

    public void DeleteDirectory(string path, bool recursive)
    {
        ThrowIfDown(path);
        if (!_cached.IsDirectory(path))
        {
            throw StorageErrors.DirectoryNotFound(path);
        }

        if (path == FileTree.Root)
        {
            throw new IOException("The root directory cannot be deleted.", StorageErrors.InputOutputError);
        }

        if (!recursive && _cached.Children(path, recursive: false).Any())
        {
            throw new IOException($"Directory not empty : '{path}'", 39);
        }

        Change(new NamespaceChange(NamespaceChangeKind.DeleteDirectory, path, null, null), StorageEventKind.DeleteDirectory, path, "");
    }

    /// <summary>Renames a file (replacing <paramref name="to"/> when <paramref name="overwrite"/>) or a directory.</summary>
    public void Move(string from, string to, bool overwrite, bool directory)
    {
        ThrowIfDown(from);
        bool exists = directory ? _cached.IsDirectory(from) : _cached.IsFile(from);
        if (!exists)
        {
            throw directory ? StorageErrors.DirectoryNotFound(from) : StorageErrors.FileNotFound(from);
        }

        if (_cached.Exists(to) && (directory || !overwrite || _cached.IsDirectory(to)))
        {
            throw StorageErrors.Exists(to);
        }

        if (directory && (to == from || to.StartsWith(from + "/", StringComparison.Ordinal)))
        {
            throw new IOException($"Cannot move the directory '{from}' into itself ('{to}').", 22);
        }

        RequireParent(to);
        Change(new NamespaceChange(NamespaceChangeKind.Rename, from, to, null), StorageEventKind.Rename, from, $"-> {to}");
    }

    /// <summary>Makes every namespace change so far durable (the journal commits, as ext4's does on a directory fsync).</summary>
    public void SyncDirectory(string path)
    {
        ThrowIfDown(path);
        if (!_cached.IsDirectory(path))
        {
            throw StorageErrors.DirectoryNotFound(path);
        }

        int committed = _journal.Count;
        foreach (NamespaceChange change in _journal)
        {
            _durable.Apply(change);
        }

        _journal.Clear();
        Record(StorageEventKind.SyncDirectory, path, $"commits {committed} changes");
    }

    /// <summary>The entries under <paramref name="directory"/> in ordinal order of their full paths.</summary>
    public List<(string Path, bool IsDirectory)> List(string directory, bool recursive)
    {
        ThrowIfDown(directory);
        if (!_cached.IsDirectory(directory))
        {
            throw StorageErrors.DirectoryNotFound(directory);
        }

        return _cached.Children(directory, recursive).Select(e => (e.Key, e.Value is null)).ToList();
    }

    internal static string? Parent(string path) =>
        path == FileTree.Root ? null : path.LastIndexOf('/') is var slash and > 0 ? path[..slash] : FileTree.Root;

    private void RequireParent(string path)
    {
        if (Parent(path) is { } parent && !_cached.IsDirectory(parent))
        {
            throw StorageErrors.DirectoryNotFound(path);
        }
    }

    private void Change(in NamespaceChange change, StorageEventKind kind, string path, string detail)
    {
        _cached.Apply(change);
        _journal.Add(change);
        Record(kind, path, detail);
    }

    private void Record(StorageEventKind kind, string path, string detail)
    {
        if (_scheduler.IsRecording)
        {
            _scheduler.Record(new StorageEvent(kind, NowTicks, Host, path, detail));
        }
    }
}
