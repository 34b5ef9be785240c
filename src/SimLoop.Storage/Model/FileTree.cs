namespace SimLoop.Storage.Model;

/// <summary>
/// A namespace: full paths to files (a <see cref="FileNode"/>) or directories (null), kept in ordinal order so a listing
/// has one defined order. The root directory is always there.
/// </summary>
internal sealed class FileTree
{
    public const string Root = "/";

    private readonly SortedDictionary<string, FileNode?> _entries = new(StringComparer.Ordinal);

    public FileTree()
    {
        _entries[Root] = null;
    }

    public IEnumerable<KeyValuePair<string, FileNode?>> Entries => _entries;

    public bool IsFile(string path) => _entries.TryGetValue(path, out FileNode? node) && node is not null;

    public bool IsDirectory(string path) => _entries.TryGetValue(path, out FileNode? node) && node is null;

    public bool Exists(string path) => _entries.ContainsKey(path);

    public FileNode? FindFile(string path) => _entries.GetValueOrDefault(path);

    public FileTree Clone()
    {
        var copy = new FileTree();
        foreach (KeyValuePair<string, FileNode?> entry in _entries)
        {
            copy._entries[entry.Key] = entry.Value;
        }

        return copy;
    }

    /// <summary>The direct children of <paramref name="directory"/>, in ordinal order.</summary>
    public IEnumerable<KeyValuePair<string, FileNode?>> Children(string directory, bool recursive)
    {
        string prefix = directory == Root ? Root : directory + "/";
        foreach (KeyValuePair<string, FileNode?> entry in _entries)
        {
            if (entry.Key.Length > prefix.Length && entry.Key.StartsWith(prefix, StringComparison.Ordinal)
                && (recursive || entry.Key.IndexOf('/', prefix.Length) < 0))
            {
                yield return entry;
            }
        }
    }

    public void Apply(in NamespaceChange change)
    {
        switch (change.Kind)
        {
            case NamespaceChangeKind.CreateFile:
                _entries[change.Path] = change.Node;
                break;
            case NamespaceChangeKind.CreateDirectory:
                _entries[change.Path] = null;
                break;
            case NamespaceChangeKind.DeleteFile:
                _entries.Remove(change.Path);
                break;
            case NamespaceChangeKind.DeleteDirectory:
                foreach (string key in Subtree(change.Path))
                {
                    _entries.Remove(key);
                }

                break;
            case NamespaceChangeKind.Rename:
                Rename(change.Path, change.Target!);
                break;
        }
    }

    private void Rename(string from, string to)
    {
        List<string> moving = Subtree(from);
        var moved = new List<KeyValuePair<string, FileNode?>>(moving.Count);
        foreach (string key in moving)
        {
            moved.Add(new(to + key[from.Length..], _entries[key]));
            _entries.Remove(key);
        }

        foreach (KeyValuePair<string, FileNode?> entry in moved)
        {
            _entries[entry.Key] = entry.Value;
        }
    }

    private List<string> Subtree(string path)
    {
        var keys = new List<string>();
        if (_entries.ContainsKey(path))
        {
            keys.Add(path);
        }

        foreach (KeyValuePair<string, FileNode?> child in Children(path, recursive: true))
        {
            keys.Add(child.Key);
        }

        return keys;
    }
}
