using SimLoop.Networking;
using SimLoop.Storage.Seam;

namespace SimLoop.Storage.Tests.Support;

/// <summary>A trivial storage scheduler: time moves only when <see cref="RunUntilIdle"/> runs the due callbacks in order.</summary>
internal sealed class ManualStorageScheduler(ulong seed = 1) : IStorageScheduler
{
    private readonly SortedDictionary<(long At, long Id), (Action<object?> Callback, object? State)> _pending = new();
    private long _nextId;

    public long NowTicks { get; private set; }

    public DateTimeOffset UtcNow => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(NowTicks);

    public bool IsRecording => true;

    public List<StorageEvent> Events { get; } = new();

    public long ScheduleAt(long atTicks, Action<object?> callback, object? state)
    {
        long id = ++_nextId;
        _pending.Add((Math.Max(atTicks, NowTicks), id), (callback, state));
        return id;
    }

    public bool Cancel(long id)
    {
        foreach (var key in _pending.Keys)
        {
            if (key.Id == id)
            {
                return _pending.Remove(key);
            }
        }

        return false;
    }

    public Random GetRandom(string concern) => SimLoop.Choices.SeedDerivation.CreateRandom(seed, concern);

    public void Record(StorageEvent storageEvent) => Events.Add(storageEvent);

    public void RunUntilIdle()
    {
        while (_pending.Count > 0)
        {
            var first = _pending.First();
            _pending.Remove(first.Key);
            NowTicks = first.Key.At;
            first.Value.Callback(first.Value.State);
        }
    }
}
