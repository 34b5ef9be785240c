namespace SimLoop;

/// <summary>A callback scheduled for a point in loop time (asyncio's <c>TimerHandle</c>).</summary>
public sealed class TimerHandle : Handle
{
    internal TimerHandle(BaseEventLoop loop, long whenTicks, Delegate callback, object? state, ExecutionContext? context, ILoopTask? owner)
        : base(loop, callback, state, context, owner)
    {
        WhenTicks = whenTicks;
    }

    /// <summary>The loop time, in 100 ns ticks, at which the callback is due.</summary>
    public long WhenTicks { get; }

    /// <summary>The loop time, in seconds, at which the callback is due (asyncio's <c>when()</c>).</summary>
    public double When => WhenTicks / (double)TimeSpan.TicksPerSecond;

    internal bool InHeap { get; set; }

    /// <inheritdoc/>
    public override void Cancel()
    {
        if (!Cancelled)
        {
            base.Cancel();
            Loop.OnTimerCancelled(this);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"<TimerHandle when={When:0.#######} {base.ToString()}>";
}
