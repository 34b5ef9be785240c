namespace SimLoop.Scheduling;

/// <summary>
/// An append-only list in fixed-size chunks of 1,024 items: growing never copies what is stored, and no chunk of a
/// type up to 80 bytes reaches the large-object heap (a long trace or decision log would otherwise copy, and keep
/// twice, megabytes while doubling a single array, and every doubling past 85 KB is a large-object allocation).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ChunkedList<T>
{
    /// <summary>How many items a chunk holds.</summary>
    public const int ChunkSize = 1 << ChunkShift;
    private const int ChunkShift = 10;
    private readonly List<T[]> _chunks = new();
    private T[] _tail = Array.Empty<T>();
    private int _tailCount;

    public int Count { get; private set; }

    public ref readonly T this[int index]
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

    /// <summary>Overwrites the stored item <paramref name="index"/> (the one exception to append-only: a trace fills in a task's first-step site).</summary>
    public void SetAt(int index, in T item)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        _chunks[index >> ChunkShift][index & (ChunkSize - 1)] = item;
    }

    public void Add(in T item)
    {
        if (_tailCount == _tail.Length)
        {
            _tail = new T[ChunkSize];
            _chunks.Add(_tail);
            _tailCount = 0;
        }

        _tail[_tailCount++] = item;
        Count++;
    }
}
