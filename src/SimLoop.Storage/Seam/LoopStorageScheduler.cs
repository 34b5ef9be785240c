using SimLoop.Scheduling;

namespace SimLoop.Storage.Seam;

/// <summary>
/// Binds the storage seam to a <see cref="SimulatedEventLoop"/> through its public API: loop timers for completions,
/// the loop's seeded streams, and the loop's trace recorder. All storage trace writing is here: each event becomes a
/// <see cref="TraceEntryKind.Storage"/> entry that keeps the <see cref="StorageEvent"/> as data.
/// </summary>
internal sealed class LoopStorageScheduler(SimulatedEventLoop loop) : IStorageScheduler
{
    private readonly Dictionary<long, TimerHandle> _timers = new();
    private long _nextId;

    public long NowTicks => loop.NowTicks;

    public DateTimeOffset UtcNow => loop.TimeProvider.GetUtcNow();

    public bool IsRecording => loop.Recorder.IsRecording;

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
        if (loop.Recorder.IsRecording)
        {
            long task = loop.CurrentTask is { } current ? loop.TaskIdOf(current) : 0;
            loop.Recorder.Storage(storageEvent.AtTicks, task, storageEvent);
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
