namespace SimLoop;

/// <summary>What a pending task waits for: a <see cref="WaitKind"/> to decide on, and a description for people.</summary>
/// <param name="Kind">The kind of wait.</param>
/// <param name="Description">A description for reports, e.g. <c>Worker.RunAsync awaits SemaphoreSlim.WaitAsync</c>.</param>
public readonly record struct TaskWait(WaitKind Kind, string Description)
{
    /// <summary>Whether only work outside the loop's control can end this wait (a real-time timer, thread-pool work the
    /// loop did not adopt, or a continuation queued elsewhere).</summary>
    public bool IsOutsideLoop => Kind is WaitKind.RealTimeTimer or WaitKind.ThreadPoolWork or WaitKind.DedicatedThread or WaitKind.ResumedElsewhere;

    /// <inheritdoc/>
    public override string ToString() => Description;
}
