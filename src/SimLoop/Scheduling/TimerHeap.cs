namespace SimLoop.Scheduling;

/// <summary>
/// Scheduled timers ordered by due time, then by scheduling order (so a seed fully determines the order of
/// timers due at the same instant). Cancelled timers stay until <see cref="CleanUp"/> (at the start of every loop
/// iteration) removes them as CPython's <c>_run_once</c> does: all of them when the heap holds more than 100 timers
/// and more than half are cancelled, otherwise those at the head.
/// </summary>
/// <remarks>
/// A 4-ary min-heap of 16-byte entries (due ticks inline, then the timer): four children share one or two cache lines
/// and the due time is compared without touching the timer object; only timers due at the same instant read their
/// <see cref="Handle.Sequence"/>. The key (due, sequence) is unique, so the order timers leave in is the same as
/// any other correct priority queue's.
/// </remarks>
internal sealed class TimerHeap
{
    private const int MinimumRebuildSize = 100;
    private const int Shift = 2; // 4 children per node (8 measured no faster at 100,000 timers)
    private Entry[] _entries = new Entry[16];
    private int _count;
    private int _cancelled;

    public int Count => _count;

    public int CancelledCount => _cancelled;

    public void Add(TimerHandle timer)
    {
        timer.InHeap = true;
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        SiftUp(_count++, new Entry(timer.WhenTicks, timer));
    }

    public void OnCancelled(TimerHandle timer)
    {
        if (!timer.InHeap)
        {
            return;
        }

        _cancelled++;
    }

    /// <summary>CPython's clean-up at the start of an iteration: rebuild without cancelled timers, or drop them from the head.</summary>
    public void CleanUp()
    {
        if (_cancelled == 0)
        {
            return;
        }

        if (_count > MinimumRebuildSize && _cancelled * 2 > _count)
        {
            Rebuild();
        }
        else
        {
            PeekLive();
        }
    }

    /// <summary>Drops cancelled timers from the head and returns the first live one, if any.</summary>
    public TimerHandle? PeekLive()
    {
        while (_count > 0)
        {
            TimerHandle head = _entries[0].Timer;
            if (!head.Cancelled)
            {
                return head;
            }

            RemoveRoot();
            head.InHeap = false;
            _cancelled--;
        }

        return null;
    }

    public TimerHandle Dequeue()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("The timer heap is empty.");
        }

        TimerHandle timer = _entries[0].Timer;
        RemoveRoot();
        timer.InHeap = false;
        return timer;
    }

    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
        _cancelled = 0;
    }

    /// <summary>The live timers in due order (for reports; allocates).</summary>
    public IReadOnlyList<TimerHandle> LiveTimers()
    {
        var list = new List<Entry>(_count);
        for (int i = 0; i < _count; i++)
        {
            if (!_entries[i].Timer.Cancelled)
            {
                list.Add(_entries[i]);
            }
        }

        list.Sort(static (a, b) => Precedes(a, b) ? -1 : Precedes(b, a) ? 1 : 0);
        return list.ConvertAll(static e => e.Timer);
    }

    /// <summary>Whether <paramref name="a"/> leaves the heap before <paramref name="b"/>.</summary>
    private static bool Precedes(in Entry a, in Entry b) =>
        a.When < b.When || (a.When == b.When && a.Timer.Sequence < b.Timer.Sequence);

    private void RemoveRoot()
    {
        int last = --_count;
        Entry moved = _entries[last];
        _entries[last] = default;
        if (last > 0)
        {
            SiftDown(0, moved);
        }
    }

    private void SiftUp(int index, Entry entry)
    {
        Entry[] entries = _entries;
        while (index > 0)
        {
            int parent = (index - 1) >> Shift;
            if (!Precedes(entry, entries[parent]))
            {
                break;
            }

            entries[index] = entries[parent];
            index = parent;
        }

        entries[index] = entry;
    }

    private void SiftDown(int index, Entry entry)
    {
        Entry[] entries = _entries;
        int count = _count;
        int first;
        while ((first = (index << Shift) + 1) < count)
        {
            int best = first;
            int end = Math.Min(first + (1 << Shift), count);
            for (int child = first + 1; child < end; child++)
            {
                if (Precedes(entries[child], entries[best]))
                {
                    best = child;
                }
            }

            if (!Precedes(entries[best], entry))
            {
                break;
            }

            entries[index] = entries[best];
            index = best;
        }

        entries[index] = entry;
    }

    /// <summary>Drops every cancelled timer and restores the heap order bottom-up (Floyd's heapify).</summary>
    private void Rebuild()
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            Entry entry = _entries[i];
            if (entry.Timer.Cancelled)
            {
                entry.Timer.InHeap = false;
            }
            else
            {
                _entries[kept++] = entry;
            }
        }

        Array.Clear(_entries, kept, _count - kept);
        _count = kept;
        _cancelled = 0;
        for (int i = (kept - 2) >> Shift; i >= 0; i--)
        {
            SiftDown(i, _entries[i]);
        }
    }

    private readonly struct Entry(long when, TimerHandle timer)
    {
        public readonly long When = when;
        public readonly TimerHandle Timer = timer;
    }
}
