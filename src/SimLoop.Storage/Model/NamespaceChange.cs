namespace SimLoop.Storage.Model;

/// <summary>What a namespace change does.</summary>
internal enum NamespaceChangeKind
{
    CreateFile,
    DeleteFile,
    Rename,
    CreateDirectory,
    DeleteDirectory,
}

/// <summary>
/// One namespace change (a directory-entry update) in the disk's journal, in the order made. Until a directory sync
/// commits it, a crash keeps only a prefix of the journal.
/// </summary>
internal readonly record struct NamespaceChange(NamespaceChangeKind Kind, string Path, string? Target, FileNode? Node)
{
    public override string ToString() => Target is null ? $"{Kind} {Path}" : $"{Kind} {Path} -> {Target}";
}
