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

    /// <summary>
    /// Whether this is a one-shot firing of a <see cref="Time.LoopTimer"/> that runs the timer's callback directly:
    /// it is described as the timer's own firing method, as every firing of a LoopTimer is.
    /// </summary>
    internal bool FiresLoopTimer { get; init; }

    /// <inheritdoc/>
    private protected override System.Reflection.MethodInfo DescribedMethod =>
        FiresLoopTimer ? Time.LoopTimer.FireMethod : base.DescribedMethod;

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
