namespace SimLoop.Scheduling;

/// <summary>
/// An append-only list of trace entries in fixed-size chunks: growing never copies what is stored (a long trace
/// would otherwise copy, and keep twice, hundreds of megabytes while doubling a single array).
/// </summary>
internal sealed class EntryStore
{
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift; // 1,024 entries: 40 KB, below the large-object threshold
    private readonly List<TraceEntry[]> _chunks = new();
    private TraceEntry[] _tail = Array.Empty<TraceEntry>();
    private int _tailCount;

    public int Count { get; private set; }

    public ref readonly TraceEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
        }
    }

    public void Add(in TraceEntry entry)
    {
        if (_tailCount == _tail.Length)
        {
            _tail = new TraceEntry[ChunkSize];
            _chunks.Add(_tail);
            _tailCount = 0;
        }

        _tail[_tailCount++] = entry;
        Count++;
    }
}
