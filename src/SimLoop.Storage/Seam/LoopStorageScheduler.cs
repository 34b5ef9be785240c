using SimLoop.Scheduling;

namespace SimLoop.Storage.Seam;

/// <summary>
/// Binds the storage seam to a <see cref="SimulatedEventLoop"/> through its public API: loop timers for completions,
/// the loop's seeded streams, and the loop's trace. All storage trace writing is here: each event becomes a
/// <see cref="TraceEntryKind.Network"/> entry whose text starts with <c>storage </c> (like the loop's host events).
/// </summary>
internal sealed class LoopStorageScheduler(SimulatedEventLoop loop) : IStorageScheduler
{
    private readonly Dictionary<long, TimerHandle> _timers = new();
    private long _nextId;

    public long NowTicks => loop.NowTicks;

    public DateTimeOffset UtcNow => loop.TimeProvider.GetUtcNow();

    public bool IsRecording => loop.Trace.RecordsEntries;

    public long ScheduleAt(long atTicks, Action<object?> callback, object? state)
    {
        long id = ++_nextId;
        var invocation = new Invocation(this, id, callback, state);
        _timers[id] = loop.CallAtTicks(Math.Max(atTicks, loop.NowTicks), static s => ((Invocation)s!).Run(), invocation);
        return id;
    }

    public bool Cancel(long id)
    {
        if (!_timers.Remove(id, out TimerHandle? handle))
        {
            return false;
        }

        handle.Cancel();
        return true;
    }

    public Random GetRandom(string concern) => loop.GetRandom(concern);

    public void Record(StorageEvent storageEvent)
    {
        if (loop.Trace.RecordsEntries)
        {
            long task = loop.CurrentTask is { } current ? loop.TaskIdOf(current) : 0;
            loop.Trace.Add(new TraceEntry(TraceEntryKind.Network, storageEvent.AtTicks, task, 0, storageEvent.ToString()));
        }
    }

    private sealed class Invocation(LoopStorageScheduler owner, long id, Action<object?> callback, object? state)
    {
        public void Run()
        {
            owner._timers.Remove(id);
            callback(state);
        }
    }
}
