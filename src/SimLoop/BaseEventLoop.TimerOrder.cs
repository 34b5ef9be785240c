using SimLoop.Scheduling;

namespace SimLoop;

// The seams a simulated loop uses to fuzz timers: the due time a new timer gets, and the order in which timers
// due at the same instant become ready. Kept beside the scheduling code because only simulation uses them.
public abstract partial class BaseEventLoop
{
    /// <summary>The due time a timer scheduled for <paramref name="whenTicks"/> gets (a simulated loop may add jitter).</summary>
    private protected virtual long AdjustTimerDueTicks(long whenTicks) => whenTicks;

    /// <summary>
    /// Moves every due timer to the ready queue like <see cref="MoveDueTimers"/>, but shuffles each group of timers
    /// due at the same instant with <paramref name="random"/>; timers due at different instants keep their order.
    /// </summary>
    private protected void MoveDueTimersShuffled(Random random)
    {
        long now = NowTicks;
        var group = new List<TimerHandle>();
        while (_timers.PeekLive() is { } timer && timer.WhenTicks <= now)
        {
            _timers.Dequeue();
            if (group.Count > 0 && group[0].WhenTicks != timer.WhenTicks)
            {
                EnqueueShuffled(group, random);
            }

            group.Add(timer);
        }

        EnqueueShuffled(group, random);
    }

    private void EnqueueShuffled(List<TimerHandle> group, Random random)
    {
        for (int i = group.Count - 1; i > 0; i--)
        {
            int j = i - random.Next(i + 1); // a draw of 0 keeps the order they were scheduled in
            (group[i], group[j]) = (group[j], group[i]);
        }

        foreach (TimerHandle timer in group)
        {
            _ready.Enqueue(timer);
        }

        group.Clear();
    }
}
