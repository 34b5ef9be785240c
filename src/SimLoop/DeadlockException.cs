namespace SimLoop;

/// <summary>
/// The run cannot go on: nothing is ready, no timer is pending, and the awaited task is not done. Lists every
/// pending task and, where knowable, what it awaits.
/// </summary>
public sealed class DeadlockException : LoopTerminatingException
{
    internal DeadlockException(string message, IReadOnlyList<string> pendingTasks)
        : base(message)
    {
        PendingTasks = pendingTasks;
    }

    /// <summary>One line per pending task: its name and what it awaits.</summary>
    public IReadOnlyList<string> PendingTasks { get; }
}
