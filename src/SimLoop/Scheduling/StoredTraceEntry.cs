namespace SimLoop.Scheduling;

/// <summary>
/// A <see cref="TraceEntry"/> as a trace stores it: the kind and the task id share one word, so an entry is 32 bytes
/// instead of 40 (a trace keeps several entries per step). Task ids up to 2^55 round-trip exactly.
/// </summary>
internal readonly struct StoredTraceEntry
{
    private readonly long _taskAndKind; // task id << 8 | kind (arithmetic shift back: negative ids survive too)

    public StoredTraceEntry(in TraceEntry entry)
    {
        _taskAndKind = (entry.TaskId << 8) | (byte)entry.Kind;
        TimeTicks = entry.TimeTicks;
        Value = entry.Value;
        Event = entry.Event;
    }

    public TraceEntryKind Kind => (TraceEntryKind)(byte)_taskAndKind;

    public long TaskId => _taskAndKind >> 8;

    public long TimeTicks { get; }

    public long Value { get; }

    public object? Event { get; }

    /// <summary>The entry, as readers see it.</summary>
    public TraceEntry ToEntry() => new(Kind, TimeTicks, TaskId, Value, Event);
}
