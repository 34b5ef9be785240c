namespace SimLoop.Networking.Tests.Support;

/// <summary>A deterministic scheduler for tests: callbacks ordered by (time, sequence), randomness from a seed.</summary>
public sealed class ManualNetworkScheduler(ulong seed = 1) : INetworkScheduler
{
    private readonly PriorityQueue<(long Id, Action<object?> Callback, object? State), (long At, long Id)> _queue = new();
    private readonly HashSet<long> _pending = [];
    private long _nextId;

    public long NowTicks { get; private set; }

    public List<NetworkEvent> Events { get; } = [];

    public IScheduledCallback ScheduleAt(long atTicks, Action<object?> callback, object? state)
    {
        long id = ++_nextId;
        _queue.Enqueue((id, callback, state), (Math.Max(atTicks, NowTicks), id));
        _pending.Add(id);
        return new Scheduled(this, id);
    }

    public Random GetRandom(string concern) => SimLoop.Choices.SeedDerivation.CreateRandom(seed, concern);

    public void Record(NetworkEvent networkEvent) => Events.Add(networkEvent);

    /// <summary>Runs the next callback; false when nothing is left.</summary>
    public bool RunOne()
    {
        while (_queue.TryDequeue(out var item, out var priority))
        {
            if (_pending.Remove(item.Id))
            {
                NowTicks = priority.At;
                item.Callback(item.State);
                return true;
            }
        }

        return false;
    }

    public void RunUntilIdle(int maxSteps = 1_000_000)
    {
        for (int i = 0; i < maxSteps; i++)
        {
            if (!RunOne())
            {
                return;
            }
        }

        throw new InvalidOperationException($"Still busy after {maxSteps} steps.");
    }

    /// <summary>Runs every callback due at or before <paramref name="ticks"/>, then moves the clock there.</summary>
    public void RunUntil(long ticks)
    {
        while (_queue.TryPeek(out var item, out var priority) && priority.At <= ticks)
        {
            if (!_pending.Contains(item.Id))
            {
                _queue.Dequeue();
                continue;
            }

            RunOne();
        }

        NowTicks = Math.Max(NowTicks, ticks);
    }

    public void RunFor(TimeSpan duration) => RunUntil(NowTicks + duration.Ticks);

    /// <summary>Runs callbacks until <paramref name="task"/> is done; fails if nothing is left and it is not.</summary>
    public void Pump(Task task, int maxSteps = 1_000_000)
    {
        for (int i = 0; !task.IsCompleted; i++)
        {
            if (i >= maxSteps || !RunOne())
            {
                throw new InvalidOperationException($"The task is not done and {(i >= maxSteps ? "the step budget is spent" : "nothing is left to run")} (t={NowTicks}).");
            }
        }
    }

    public T Pump<T>(Task<T> task, int maxSteps = 1_000_000)
    {
        Pump((Task)task, maxSteps);
        return task.GetAwaiter().GetResult();
    }

    public T Pump<T>(ValueTask<T> task, int maxSteps = 1_000_000) => Pump(task.AsTask(), maxSteps);

    private sealed class Scheduled(ManualNetworkScheduler scheduler, long id) : IScheduledCallback
    {
        public bool Cancel() => scheduler._pending.Remove(id);
    }
}
