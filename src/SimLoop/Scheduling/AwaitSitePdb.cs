using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SimLoop.Scheduling;

/// <summary>
/// The source lines of a method, read from its assembly's portable PDB (beside the assembly or embedded in it):
/// the first line of the method, and for a state machine's <c>MoveNext</c> the line of each await, in the order of
/// the async-method stepping information (the yield/resume IL offsets the compiler writes, one pair per await, in
/// state order). An assembly without a portable PDB, or loaded from bytes, gives none. Read once per module.
/// </summary>
internal sealed class AwaitSitePdb
{
    // The custom debug information kind "async method stepping information" of the portable PDB format.
    private static readonly Guid s_asyncStepping = new("54FD2AC5-E925-401A-9C2A-F94F171072F8");
    private static readonly ConcurrentDictionary<Module, Lazy<AwaitSitePdb?>> s_byModule = new();

    private readonly MetadataReaderProvider _provider;
    private readonly MetadataReader _reader;

    private AwaitSitePdb(MetadataReaderProvider provider)
    {
        _provider = provider;
        _reader = provider.GetMetadataReader();
    }

    /// <summary>The lines of <paramref name="method"/>, or null when no PDB gives them.</summary>
    public static MethodLines? For(MethodBase method)
    {
        AwaitSitePdb? pdb = s_byModule.GetOrAdd(method.Module, static m => new Lazy<AwaitSitePdb?>(() => Open(m))).Value;
        try
        {
            return pdb?.Lines(method.MetadataToken);
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or ArgumentException)
        {
            return null; // a malformed PDB: the site keeps its method name (a label must never fail a run)
        }
    }

    private static AwaitSitePdb? Open(Module module)
    {
        string path = module.Assembly.IsDynamic ? "" : module.Assembly.Location;
        if (path.Length == 0)
        {
            return null; // loaded from bytes (a rewritten assembly): no file to find a PDB beside
        }

        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            return pe.TryOpenAssociatedPortablePdb(path, ReadPdb, out MetadataReaderProvider? provider, out _) && provider is not null
                ? new AwaitSitePdb(provider)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return null; // unreadable or not a portable PDB: the sites keep their method names only
        }
    }

    // Read whole, so that no file stays open for the process's lifetime.
    private static MemoryStream? ReadPdb(string pdbPath) => File.Exists(pdbPath) ? new MemoryStream(File.ReadAllBytes(pdbPath)) : null;

    private MethodLines? Lines(int metadataToken)
    {
        if (MetadataTokens.EntityHandle(metadataToken) is not { Kind: HandleKind.MethodDefinition } entity)
        {
            return null;
        }

        var handle = (MethodDefinitionHandle)entity;
        lock (_provider)
        {
            if (MetadataTokens.GetRowNumber(handle) > _reader.MethodDebugInformation.Count)
            {
                return null; // a PDB of another build
            }

            var points = new List<SequencePoint>();
            foreach (SequencePoint point in _reader.GetMethodDebugInformation(handle).GetSequencePoints())
            {
                if (!point.IsHidden)
                {
                    points.Add(point);
                }
            }

            if (points.Count == 0)
            {
                return null;
            }

            int[] resumeOffsets = ResumeOffsets(handle);
            var awaitLines = new int[resumeOffsets.Length];
            for (int i = 0; i < resumeOffsets.Length; i++)
            {
                awaitLines[i] = LineAt(points, resumeOffsets[i]);
            }

            return new MethodLines(FirstStatementLine(points), awaitLines);
        }
    }

    /// <summary>
    /// The line of the method's first statement: debug builds give the opening brace a sequence point of its own and
    /// release builds do not, so a leading one-character point is skipped (the same line in either build).
    /// </summary>
    private static int FirstStatementLine(List<SequencePoint> points)
    {
        SequencePoint first = points[0];
        bool brace = points.Count > 1 && first.StartLine == first.EndLine && first.EndColumn - first.StartColumn == 1;
        return brace ? points[1].StartLine : first.StartLine;
    }

    /// <summary>The line of the last visible sequence point at or before <paramref name="offset"/>: the statement it is in.</summary>
    private static int LineAt(List<SequencePoint> points, int offset)
    {
        int line = 0;
        foreach (SequencePoint point in points)
        {
            if (point.Offset > offset)
            {
                break;
            }

            line = point.StartLine;
        }

        return line;
    }

    /// <summary>The resume IL offset of each await, from the async stepping information (none for other methods).</summary>
    private int[] ResumeOffsets(MethodDefinitionHandle method)
    {
        foreach (CustomDebugInformationHandle handle in _reader.GetCustomDebugInformation(method))
        {
            CustomDebugInformation info = _reader.GetCustomDebugInformation(handle);
            if (_reader.GetGuid(info.Kind) != s_asyncStepping)
            {
                continue;
            }

            // Blob: catch-handler offset (uint32), then per await: yield offset (uint32), resume offset (uint32),
            // the MoveNext method's row (compressed).
            BlobReader blob = _reader.GetBlobReader(info.Value);
            blob.ReadUInt32();
            var offsets = new List<int>();
            while (blob.RemainingBytes > 0)
            {
                blob.ReadUInt32();
                offsets.Add((int)blob.ReadUInt32());
                blob.ReadCompressedInteger();
            }

            return offsets.ToArray();
        }

        return [];
    }
}

/// <summary>A method's first source line and, for a state machine's <c>MoveNext</c>, the line of each await by state.</summary>
internal sealed record MethodLines(int FirstLine, IReadOnlyList<int> AwaitLines);
