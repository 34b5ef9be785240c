namespace SimLoop.Scheduling;

/// <summary>
/// A trace's entries, stored compactly (see <see cref="StoredTraceEntry"/>): 16-byte slots without object references,
/// the events of the entries that have one in a list of their own, and per chunk of slots where reading may start.
/// Entries read back exactly as they were written (as <see cref="TraceEntry"/> values): in order through a
/// <see cref="TraceEntryCursor"/>, or by index (sequential indexes cost O(1) each; a jump scans at most one chunk).
/// </summary>
internal sealed class TraceEntryStore
{
    private const int ChunkMask = ChunkedList<StoredTraceEntry>.ChunkSize - 1;

    // Marks a Decision entry whose text is the ready ids of decision TaskId, built when the entry is read.
    public static readonly object LazyDecisionText = new();

    private readonly ChunkedList<StoredTraceEntry> _slots = new();
    private readonly ChunkedList<object?> _events = new();
    private readonly ChunkedList<TraceEntryCursor> _chunkStarts = new(); // the cursor at each chunk's first slot
    private long _time;                       // the time in effect after the last slot
    private bool _hasOpenStep;                // an Enter not stored yet: its Leave may still share its slot
    private long _openStepTask;
    private int _openStepSite;
    private TraceEntryCursor _reader;         // the indexer's position (sequential reads stay O(1))
    private bool _hasReader;

    /// <summary>The running shape hash every write feeds (an explored iteration's coverage key), or null.</summary>
    public Exploration.TraceShape? Shape { get; set; }

    /// <summary>How many entries are stored.</summary>
    public int Count { get; private set; }

    /// <summary>Stores an Enter of <paramref name="taskId"/> and returns its slot (see <see cref="SetSite"/>).</summary>
    public int AddEnter(long timeTicks, long taskId, int siteId)
    {
        Shape?.Step(TraceEntryKind.Enter, taskId);
        SetTime(timeTicks);
        if (_hasOpenStep)
        {
            StoreOpenStep();
        }

        // Kept open, not stored: the step's Leave usually follows at once and then both take one slot.
        _hasOpenStep = true;
        _openStepTask = taskId;
        _openStepSite = siteId;
        Count++;
        return _slots.Count;
    }

    /// <summary>Sets the await site of the Enter in <paramref name="slot"/> (a first step's, known once the step called the body).</summary>
    public void SetSite(int slot, int siteId)
    {
        if (_hasOpenStep && slot == _slots.Count)
        {
            _openStepSite = siteId;
            return;
        }

        _slots.SetAt(slot, _slots[slot].WithSite(siteId));
    }

    /// <summary>Stores a Leave of <paramref name="taskId"/>: in the slot of its Enter when nothing came between.</summary>
    public void AddLeave(long timeTicks, long taskId)
    {
        Shape?.Step(TraceEntryKind.Leave, taskId);
        if (_hasOpenStep && _openStepTask == taskId && timeTicks == _time)
        {
            _hasOpenStep = false;
            AppendSlot(StoredTraceEntry.Step(taskId, _openStepSite).WithLeave());
            Count++;
            return;
        }

        SetTime(timeTicks);
        Append(StoredTraceEntry.Leave(taskId));
        Count++;
    }

    /// <summary>Stores the Decision entry of decision <paramref name="index"/>.</summary>
    public void AddDecision(long timeTicks, int index, int chosen)
    {
        SetTime(timeTicks);
        Append(StoredTraceEntry.Decision(index, chosen));
        Count++;
    }

    /// <summary>Stores a TaskRegistered entry; a null <paramref name="name"/> reads as <c>Task-{id}</c>.</summary>
    public void AddRegistered(long timeTicks, long byTask, long id, string? name)
    {
        Shape?.Registered(id, name);
        SetTime(timeTicks);
        if (name is not null)
        {
            AppendEvent(name);
        }

        Append(StoredTraceEntry.Registered(byTask, id, name is not null));
        Count++;
    }

    /// <summary>Stores any entry as given.</summary>
    public void Add(in TraceEntry entry)
    {
        if (entry.Kind == TraceEntryKind.Enter && entry.Value == 0 && entry.Event is null or AwaitSite)
        {
            AddEnter(entry.TimeTicks, entry.TaskId, (entry.Event as AwaitSite)?.Id ?? 0);
            return;
        }

        if (entry.Kind == TraceEntryKind.Leave && entry.Value == 0 && entry.Event is null)
        {
            AddLeave(entry.TimeTicks, entry.TaskId);
            return;
        }

        Shape?.Add(entry);
        SetTime(entry.TimeTicks);
        AppendEvent(entry.Event);
        Append(StoredTraceEntry.General(entry.Kind, entry.TaskId, entry.Value));
        Count++;
    }

    /// <summary>A cursor at the first entry.</summary>
    public TraceEntryCursor Start()
    {
        Flush();
        TraceEntryCursor cursor = default;
        Settle(ref cursor);
        return cursor;
    }

    /// <summary>The entry at <paramref name="cursor"/> (which must be before <see cref="Count"/>), as written.</summary>
    public TraceEntry Read(in TraceEntryCursor cursor)
    {
        Flush();
        StoredTraceEntry s = _slots[cursor.Slot];
        return s.Kind switch
        {
            StoredKind.Step when cursor.Second => new TraceEntry(TraceEntryKind.Leave, cursor.Time, s.TaskId, 0, null),
            StoredKind.Step => new TraceEntry(TraceEntryKind.Enter, cursor.Time, s.TaskId, 0, AwaitSiteRegistry.At((int)s.Body)),
            StoredKind.Leave => new TraceEntry(TraceEntryKind.Leave, cursor.Time, s.TaskId, 0, null),
            StoredKind.Decision => new TraceEntry(TraceEntryKind.Decision, cursor.Time, s.TaskId, s.Body, LazyDecisionText),
            StoredKind.Registered => new TraceEntry(TraceEntryKind.TaskRegistered, cursor.Time, s.TaskId, s.Body,
                (s.Flags & StoredTraceEntry.HasEvent) != 0 ? _events[cursor.Event] : $"Task-{s.Body}"),
            _ => new TraceEntry((TraceEntryKind)s.Flags, cursor.Time, s.TaskId, s.Body, _events[cursor.Event]),
        };
    }

    /// <summary>Moves <paramref name="cursor"/> to the next entry.</summary>
    public void Next(ref TraceEntryCursor cursor)
    {
        Flush();
        StoredTraceEntry s = _slots[cursor.Slot];
        cursor.Index++;
        if (s.Kind == StoredKind.Step && !cursor.Second && s.EntryCount == 2)
        {
            cursor.Second = true;
            return;
        }

        cursor.Second = false;
        cursor.Event += s.TakesEvent ? 1 : 0;
        cursor.Slot++;
        Settle(ref cursor);
    }

    /// <summary>The entry <paramref name="index"/>.</summary>
    public TraceEntry At(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The trace has {Count} entries.");
        }

        Flush();

        if (!_hasReader || index < _reader.Index || index - _reader.Index > ChunkMask)
        {
            _reader = ChunkStartFor(index);
            _hasReader = true;
        }

        while (_reader.Index < index)
        {
            Next(ref _reader);
        }

        return Read(_reader);
    }

    // Skips time slots (taking their time) up to the next slot with an entry, or the end.
    private void Settle(ref TraceEntryCursor cursor)
    {
        while (cursor.Slot < _slots.Count && _slots[cursor.Slot] is { Kind: StoredKind.Time } time)
        {
            cursor.Time = time.Body;
            cursor.Slot++;
        }
    }

    // The cursor at the start of the last chunk whose first entry is at or before index.
    private TraceEntryCursor ChunkStartFor(int index)
    {
        int lo = 0, hi = _chunkStarts.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_chunkStarts[mid].Index <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        TraceEntryCursor cursor = _chunkStarts[lo];
        Settle(ref cursor);
        return cursor;
    }

    private void SetTime(long timeTicks)
    {
        if (timeTicks != _time)
        {
            Append(StoredTraceEntry.Time(timeTicks));
            _time = timeTicks;
        }
    }

    private void AppendEvent(object? e)
    {
        Flush(); // the open Enter's slot comes before this event's entry
        _events.Add(e);
    }

    // Stores the open Enter before anything read or written after it.
    private void Flush()
    {
        if (_hasOpenStep)
        {
            StoreOpenStep();
        }
    }

    private void StoreOpenStep()
    {
        _hasOpenStep = false;
        AppendSlot(StoredTraceEntry.Step(_openStepTask, _openStepSite));
    }

    private void Append(in StoredTraceEntry slot)
    {
        if (_hasOpenStep)
        {
            StoreOpenStep();
        }

        AppendSlot(slot);
    }

    // The open Enter, if any, counts among the entries before the slot (it is stored first, or is this slot).
    private void AppendSlot(in StoredTraceEntry slot)
    {
        int index = _slots.Count;
        if ((index & ChunkMask) == 0)
        {
            // Where a reader starts in this chunk: the entries, time and events before its first slot. An event
            // appended for this very slot is not before it.
            int events = slot.TakesEvent ? _events.Count - 1 : _events.Count;
            int before = slot.Kind == StoredKind.Step ? Count - 1 : Count;
            _chunkStarts.Add(new TraceEntryCursor { Slot = index, Index = before, Time = _time, Event = events });
        }

        _slots.Add(slot);
    }
}

/// <summary>A position in a <see cref="TraceEntryStore"/>: the slot, which of a step slot's two entries, and what reading reached so far.</summary>
internal struct TraceEntryCursor
{
    /// <summary>The slot read.</summary>
    public int Slot;

    /// <summary>The entry's index.</summary>
    public int Index;

    /// <summary>The time in effect.</summary>
    public long Time;

    /// <summary>The index of the next event to take.</summary>
    public int Event;

    /// <summary>At the Leave half of a merged step slot.</summary>
    public bool Second;
}
