namespace SimLoop.Scheduling;

/// <summary>What a <see cref="StoredTraceEntry"/> holds, and so how many entries it reads as.</summary>
internal enum StoredKind : byte
{
    /// <summary>No entry: the time of the entries that follow (Body: ticks).</summary>
    Time,

    /// <summary>An Enter (Body: the await site's id, 0 for none), and with <see cref="StoredTraceEntry.MergedLeave"/> the Leave that followed it at once.</summary>
    Step,

    /// <summary>A Leave on its own.</summary>
    Leave,

    /// <summary>A Decision entry (task field: the decision's index; Body: the chosen index).</summary>
    Decision,

    /// <summary>A TaskRegistered entry (task field: the registering task; Body: the new id); the name is the next event, or <c>Task-{id}</c> without <see cref="StoredTraceEntry.HasEvent"/>.</summary>
    Registered,

    /// <summary>Any entry as it was given (the flags field: its kind; Body: its value; the next event: its event).</summary>
    General,
}

/// <summary>
/// One stored slot of a trace: 16 bytes and no object reference (no GC write barrier when a step is written; events
/// live in a list of their own). A task step's Enter and Leave share one slot, and the time is stored only when it
/// changes (a <see cref="StoredKind.Time"/> slot), so a step costs 16 bytes where two 32-byte entries were kept. Task
/// ids up to 2^55 round-trip exactly.
/// </summary>
internal readonly struct StoredTraceEntry
{
    /// <summary>Flag of a <see cref="StoredKind.Step"/>: the task's Leave followed its Enter with nothing between.</summary>
    public const int MergedLeave = 1;

    /// <summary>Flag of a <see cref="StoredKind.Registered"/>: the name is stored as an event.</summary>
    public const int HasEvent = 1;

    private readonly long _head; // task id << 8 | flags << 4 | stored kind (arithmetic shift back: negative ids survive too)

    private StoredTraceEntry(StoredKind kind, int flags, long task, long body)
    {
        _head = (task << 8) | ((long)flags << 4) | (byte)kind;
        Body = body;
    }

    public StoredKind Kind => (StoredKind)(_head & 0xF);

    /// <summary>Four bits whose meaning depends on <see cref="Kind"/> (a <see cref="StoredKind.General"/> slot's entry kind).</summary>
    public int Flags => (int)((_head >> 4) & 0xF);

    public long TaskId => _head >> 8;

    public long Body { get; }

    public static StoredTraceEntry Time(long ticks) => new(StoredKind.Time, 0, 0, ticks);

    public static StoredTraceEntry Step(long task, int siteId) => new(StoredKind.Step, 0, task, siteId);

    public static StoredTraceEntry Leave(long task) => new(StoredKind.Leave, 0, task, 0);

    public static StoredTraceEntry Decision(int index, int chosen) => new(StoredKind.Decision, 0, index, chosen);

    public static StoredTraceEntry Registered(long byTask, long id, bool hasName) => new(StoredKind.Registered, hasName ? HasEvent : 0, byTask, id);

    public static StoredTraceEntry General(TraceEntryKind kind, long task, long value) => new(StoredKind.General, (int)kind, task, value);

    /// <summary>This step slot with its Leave merged in.</summary>
    public StoredTraceEntry WithLeave() => new(StoredKind.Step, Flags | MergedLeave, TaskId, Body);

    /// <summary>This step slot with another await site.</summary>
    public StoredTraceEntry WithSite(int siteId) => new(StoredKind.Step, Flags, TaskId, siteId);

    /// <summary>How many entries this slot reads as.</summary>
    public int EntryCount => Kind switch
    {
        StoredKind.Time => 0,
        StoredKind.Step => (Flags & MergedLeave) != 0 ? 2 : 1,
        _ => 1,
    };

    /// <summary>Whether this slot's entry takes the next stored event.</summary>
    public bool TakesEvent => Kind == StoredKind.General || (Kind == StoredKind.Registered && (Flags & HasEvent) != 0);
}
