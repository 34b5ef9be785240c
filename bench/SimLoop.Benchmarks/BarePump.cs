namespace SimLoop.Benchmarks;

/// <summary>
/// The practical lower limit for a loop on which every await is a scheduling point: a single-thread pump that
/// drains a <see cref="Queue{T}"/> of posted continuations, with one minimal <see cref="SynchronizationContext"/> per
/// task (so that completing a task's awaited TaskCompletionSource from another task's step posts, instead of running
/// the continuation inline). No clock, no timers, no tracing, no task bookkeeping.
/// </summary>
public sealed class BarePump
{
    private readonly Queue<WorkItem> _queue = new();

    /// <summary>A context for one task; its Post enqueues on the pump.</summary>
    public SynchronizationContext CreateContext() => new PumpContext(this);

    /// <summary>Starts <paramref name="body"/> as a task of the pump (its first step is queued).</summary>
    public Task Start(Func<Task> body)
    {
        var context = (PumpContext)CreateContext();
        var started = new TaskCompletionSource<Task>();
        context.Post(static s =>
        {
            var (b, tcs) = ((Func<Task>, TaskCompletionSource<Task>))s!;
            tcs.SetResult(b());
        }, (body, started));
        return started.Task.Unwrap();
    }

    /// <summary>Runs queued items until the queue is empty.</summary>
    public void Drain()
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        try
        {
            while (_queue.TryDequeue(out WorkItem item))
            {
                SynchronizationContext.SetSynchronizationContext(item.Context);
                item.Callback(item.State);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private readonly record struct WorkItem(PumpContext Context, SendOrPostCallback Callback, object? State);

    private sealed class PumpContext(BarePump pump) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => pump._queue.Enqueue(new WorkItem(this, d, state));

        public override void Send(SendOrPostCallback d, object? state) => d(state);

        public override SynchronizationContext CreateCopy() => this;
    }
}
