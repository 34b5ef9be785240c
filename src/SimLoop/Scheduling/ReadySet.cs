namespace SimLoop.Scheduling;

/// <summary>
/// The ready steps a strategy chooses among, oldest first: the handles that were ready when the current iteration
/// began and have not run yet (what they schedule is not among them: it runs in the next iteration). Each has a
/// stable id: the id of the task it is a step of (0 for a plain loop callback), and the handle's scheduling
/// sequence number.
/// </summary>
public readonly struct ReadySet
{
    private readonly ReadyQueue _queue;

    internal ReadySet(ReadyQueue queue, int count, long stepNumber)
    {
        System.Diagnostics.Debug.Assert(count <= queue.Count);
        _queue = queue;
        Count = count;
        StepNumber = stepNumber;
    }

    /// <summary>How many steps are ready (at least 2 when a strategy is asked).</summary>
    public int Count { get; }

    /// <summary>How many steps the loop has run before this choice.</summary>
    public long StepNumber { get; }

    /// <summary>The id of the task whose step is at <paramref name="index"/>, or 0 for a plain loop callback.</summary>
    public long TaskIdAt(int index) => _queue[index].OwnerId;

    /// <summary>The scheduling sequence number of the handle at <paramref name="index"/>.</summary>
    public long SequenceAt(int index) => _queue[index].Sequence;

    internal long EnqueuedTotal => _queue.EnqueuedTotal;

    internal long RemovedTotal => _queue.RemovedTotal;

    /// <summary>The handle at <paramref name="index"/>.</summary>
    internal Handle HandleAt(int index) => _queue[index];
}
