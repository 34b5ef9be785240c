namespace SimLoop.Scheduling;

/// <summary>Runs ready steps in the order they became ready: exactly asyncio's order. The default for unit tests.</summary>
public sealed class FifoStrategy : IScheduleStrategy
{
    /// <summary>The shared instance (the strategy has no state).</summary>
    public static FifoStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public string Description => "fifo";

    /// <inheritdoc/>
    public int NextStep(in ReadySet ready) => 0;
}
