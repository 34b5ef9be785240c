namespace SimLoop;

/// <summary>A loop task whose body returns a plain <see cref="Task"/> (see <see cref="LoopTask{TResult}"/>).</summary>
public class LoopTask : LoopTask<VoidResult>
{
    /// <summary>Creates a task bound to <paramref name="loop"/> and schedules its first step.</summary>
    /// <param name="loop">The loop.</param>
    /// <param name="body">The async function; it receives a token that <see cref="LoopTask{TResult}.Cancel"/> cancels.</param>
    /// <param name="name">The name; <c>Task-N</c> when null.</param>
    /// <param name="context">The execution context the first step runs in; the creator's when null.</param>
    /// <param name="eagerStart">Run the first step now when called on the running loop.</param>
    public LoopTask(BaseEventLoop loop, Func<CancellationToken, Task> body, string? name = null, ExecutionContext? context = null, bool eagerStart = false)
        : base(loop, body, name, context, eagerStart)
    {
    }
}
