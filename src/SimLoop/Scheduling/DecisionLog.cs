namespace SimLoop.Scheduling;

/// <summary>
/// The scheduling decisions of a run in linear memory. Each decision keeps its step number, choice and ready count;
/// its ready task ids live in one shared <c>long</c> arena, either in full or, when the ready queue only lost the
/// previous decision's choice since then, as just the ids past the previous set less that choice (a delta on the
/// previous decision). Ready sets are rebuilt on demand; sequential reads are O(ready count) each. Both live in
/// chunked lists, so a long run never copies them while growing nor allocates on the large-object heap.
/// </summary>
internal sealed class DecisionLog
{
    private readonly ChunkedList<Record> _records = new();
    private readonly ChunkedList<long> _arena = new();

    // The ready queue's counters at the last decision recorded from it (for delta encoding); -1 when unknown.
    private long _lastEnqueued = -1;
    private long _lastRemoved = -1;

    // Sequential-read cursor: the ready ids of decision _cursor.
    private readonly List<long> _cursorIds = new();
    private int _cursor = -1;

    public int Count => _records.Count;

    public long StepAt(int index) => _records[index].Step;

    public int ChosenAt(int index) => _records[index].Chosen;

    /// <summary>Records a decision over the live ready queue.</summary>
    public void Add(int chosen, in ReadySet ready)
    {
        int count = ready.Count;
        long enqueued = ready.EnqueuedTotal;
        long removed = ready.RemovedTotal;
        // A delta when the only removal since the previous decision was its choice: the ready set is a prefix of the
        // queue, so it begins with the previous set less that choice, and what follows (handles appended since, or
        // queued before but outside the previous set, as when an iteration's steps append beyond its snapshot) is stored.
        int extra = _records.Count > 0 ? count - (_records[_records.Count - 1].Count - 1) : -1;
        bool delta = extra >= 0 && _lastRemoved >= 0 && removed == _lastRemoved + 1 && enqueued >= _lastEnqueued;
        int stored = delta ? extra : count;
        int offset = _arena.Count;
        for (int i = 0; i < stored; i++)
        {
            _arena.Add(ready.TaskIdAt(count - stored + i));
        }

        _records.Add(new Record(ready.StepNumber, chosen, count, offset, stored, delta));
        _lastEnqueued = enqueued;
        _lastRemoved = removed;
    }

    /// <summary>Records a decision given in full (from outside a loop); the next one is not a delta on it.</summary>
    public void Add(in ScheduleDecision decision)
    {
        long[] ids = decision.ReadyTaskIds ?? Array.Empty<long>();
        int offset = _arena.Count;
        foreach (long id in ids)
        {
            _arena.Add(id);
        }

        _records.Add(new Record(decision.StepNumber, decision.Chosen, ids.Length, offset, ids.Length, false));
        _lastEnqueued = -1;
        _lastRemoved = -1;
    }

    /// <summary>The ready task ids of decision <paramref name="index"/>, as a new array.</summary>
    public long[] ReadyIdsAt(int index)
    {
        MoveCursor(index);
        return _cursorIds.ToArray();
    }

    /// <summary>The ready task ids of decision <paramref name="index"/>, comma-separated (the trace's text).</summary>
    public string ReadyTextAt(int index)
    {
        MoveCursor(index);
        return string.Join(',', _cursorIds);
    }

    public ScheduleDecision DecisionAt(int index)
    {
        if ((uint)index >= (uint)_records.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return new ScheduleDecision(_records[index].Step, _records[index].Chosen, ReadyIdsAt(index));
    }

    private void MoveCursor(int index)
    {
        if (index == _cursor)
        {
            return;
        }

        int start = index;
        if (!(_cursor >= 0 && _cursor < index))
        {
            while (_records[start].Delta)
            {
                start--;
            }

            _cursorIds.Clear();
            AppendStored(start);
            _cursor = start;
        }

        while (_cursor < index)
        {
            Record previous = _records[_cursor];
            _cursor++;
            if (_records[_cursor].Delta)
            {
                _cursorIds.RemoveAt(previous.Chosen);
            }
            else
            {
                _cursorIds.Clear();
            }

            AppendStored(_cursor);
        }
    }

    private void AppendStored(int index)
    {
        ref readonly Record r = ref _records[index];
        for (int i = 0; i < r.Stored; i++)
        {
            _cursorIds.Add(_arena[r.Offset + i]);
        }
    }

    private readonly record struct Record(long Step, int Chosen, int Count, int Offset, int Stored, bool Delta);
}
