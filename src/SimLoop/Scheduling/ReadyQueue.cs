using System.Diagnostics;

namespace SimLoop.Scheduling;

/// <summary>
/// The loop's ready handles in scheduling order: a ring buffer that takes from the front in O(1) (FIFO) and
/// removes from any index when a strategy picks another step. The slots are structs: storing a handle (a
/// <see cref="TimerHandle"/> too) into a <c>Handle[]</c> would pay the runtime's covariant array store check.
/// </summary>
internal sealed class ReadyQueue
{
    private Slot[] _items = new Slot[16];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>How many handles were ever enqueued (for the decision log's delta encoding).</summary>
    public long EnqueuedTotal { get; private set; }

    /// <summary>How many handles were ever removed, a cleared queue counting one more than it held.</summary>
    public long RemovedTotal { get; private set; }

    public Handle this[int index]
    {
        get
        {
            Debug.Assert((uint)index < (uint)_count);
            return _items[(_head + index) & (_items.Length - 1)].Handle;
        }
    }

    public void Enqueue(Handle handle)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[(_head + _count) & (_items.Length - 1)].Handle = handle;
        _count++;
        EnqueuedTotal++;
    }

    public Handle RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A strategy chose step {index} of {_count} ready steps.");
        }

        int mask = _items.Length - 1;
        Handle result = _items[(_head + index) & mask].Handle;
        if (index == 0)
        {
            _items[_head].Handle = null!;
            _head = (_head + 1) & mask;
        }
        else
        {
            // Close the gap by moving the later items one place towards the front; ready sets are small.
            for (int i = index; i < _count - 1; i++)
            {
                _items[(_head + i) & mask] = _items[(_head + i + 1) & mask];
            }

            _items[(_head + _count - 1) & mask].Handle = null!;
        }

        _count--;
        RemovedTotal++;
        return result;
    }

    public void Clear()
    {
        Array.Clear(_items);
        RemovedTotal += _count + 1;
        _head = 0;
        _count = 0;
    }

    private void Grow()
    {
        var bigger = new Slot[_items.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }

    private struct Slot
    {
        public Handle Handle;
    }
}
