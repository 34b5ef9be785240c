namespace SimLoop.Scheduling;

/// <summary>
/// Scheduled timers ordered by due time, then by scheduling order (so a seed fully determines the order of
/// timers due at the same instant). Cancelled timers stay until <see cref="CleanUp"/> (at the start of every loop
/// iteration) removes them as CPython's <c>_run_once</c> does: all of them when the heap holds more than 100 timers
/// and more than half are cancelled, otherwise those at the head.
/// </summary>
internal sealed class TimerHeap
{
    private const int MinimumRebuildSize = 100;
    private PriorityQueue<TimerHandle, TimerKey> _heap = new();
    private int _cancelled;

    public int Count => _heap.Count;

    public int CancelledCount => _cancelled;

    public void Add(TimerHandle timer)
    {
        timer.InHeap = true;
        _heap.Enqueue(timer, new TimerKey(timer.WhenTicks, timer.Sequence));
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

        if (_heap.Count > MinimumRebuildSize && _cancelled * 2 > _heap.Count)
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
        while (_heap.TryPeek(out TimerHandle? head, out _))
        {
            if (!head.Cancelled)
            {
                return head;
            }

            _heap.Dequeue();
            head.InHeap = false;
            _cancelled--;
        }

        return null;
    }

    public TimerHandle Dequeue()
    {
        TimerHandle timer = _heap.Dequeue();
        timer.InHeap = false;
        return timer;
    }

    public void Clear()
    {
        _heap.Clear();
        _cancelled = 0;
    }

    /// <summary>The live timers in due order (for reports; allocates).</summary>
    public IReadOnlyList<TimerHandle> LiveTimers()
    {
        var list = new List<TimerHandle>(_heap.Count);
        foreach ((TimerHandle timer, _) in _heap.UnorderedItems)
        {
            if (!timer.Cancelled)
            {
                list.Add(timer);
            }
        }

        list.Sort(static (a, b) => new TimerKey(a.WhenTicks, a.Sequence).CompareTo(new TimerKey(b.WhenTicks, b.Sequence)));
        return list;
    }

    private void Rebuild()
    {
        var fresh = new PriorityQueue<TimerHandle, TimerKey>(_heap.Count - _cancelled);
        foreach ((TimerHandle timer, TimerKey key) in _heap.UnorderedItems)
        {
            if (timer.Cancelled)
            {
                timer.InHeap = false;
            }
            else
            {
                fresh.Enqueue(timer, key);
            }
        }

        _heap = fresh;
        _cancelled = 0;
    }

    private readonly record struct TimerKey(long When, long Sequence) : IComparable<TimerKey>
    {
        public int CompareTo(TimerKey other)
        {
            int c = When.CompareTo(other.When);
            return c != 0 ? c : Sequence.CompareTo(other.Sequence);
        }
    }
}
