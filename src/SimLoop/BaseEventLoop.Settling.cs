namespace SimLoop;

// RunFor settling: the loop runs until nothing is ready and no timer is due by a target instant, inside the loop's
// own iterations (never by a callback that re-posts itself and competes with user steps).
public abstract partial class BaseEventLoop
{
    /// <summary>Whether nothing is ready and no live timer is due at or before <paramref name="ticks"/>.</summary>
    private bool IsSettledAt(long ticks) =>
        _ready.Count == 0 && !_threadSafePending && (_timers.PeekLive() is not { } head || head.WhenTicks > ticks);

    /// <summary>
    /// Runs the loop until it is settled at <paramref name="targetTicks"/> (nothing ready, no timer due at or before
    /// it), then moves the clock to that instant: the core of a simulated loop's <c>RunFor</c>. From a loop callback
    /// of a running loop the iterations run nested; a nested target beyond the outer one's is honoured, and the
    /// outer call then finds its own target passed and returns.
    /// </summary>
    private protected void RunUntilSettled(long targetTicks)
    {
        targetTicks = Math.Min(targetTicks, LastTick);
        if (IsRunning)
        {
            if (CurrentTask is { } task)
            {
                throw new InvalidOperationException($"Cannot advance the loop from inside a step of task {task.Name}: await a delay on the loop's TimeProvider instead.");
            }

            CheckThread(nameof(RunUntilSettled));
            while (!IsSettledAt(targetTicks))
            {
                RunOnce();
            }
        }
        else
        {
            RunCore(targetTicks);
        }

        if (NowTicks < targetTicks && targetTicks < LastTick)
        {
            WaitForEvents(targetTicks - NowTicks);
        }
    }

    /// <summary>The last instant the loop's clock can show; a timer due later never fires (a run "forever" stops short of it).</summary>
    private protected virtual long LastTick => long.MaxValue;
}
