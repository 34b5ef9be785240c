namespace SimLoop;

public sealed partial class SimulatedEventLoop
{
    /// <summary>
    /// The deadline callback of <see cref="RunFor"/>: completes the deadline only once nothing else is ready and no
    /// other timer is due at this instant, so that every continuation chain at the target time (a delay's
    /// continuation, then its yields, ...) has run when <see cref="RunFor"/> returns.
    /// </summary>
    private void CompleteWhenSettled(object? deadline)
    {
        if (ReadyCount > 0 || (TryPeekNextTimer(out long when) && when <= NowTicks))
        {
            CallSoon(CompleteWhenSettled, deadline);
            return;
        }

        ((LoopFuture<bool>)deadline!).TrySetResult(true);
    }
}
