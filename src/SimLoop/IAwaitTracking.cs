namespace SimLoop;

/// <summary>A task that remembers which loop future it awaits, so that cancelling it cancels that future (as asyncio does).</summary>
internal interface IAwaitTracking
{
    LoopFuture? WaitingOn { get; set; }
}
