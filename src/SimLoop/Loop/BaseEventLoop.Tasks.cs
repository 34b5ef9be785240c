namespace SimLoop;

/// <summary>Creates the task for <see cref="BaseEventLoop.CreateTask(Func{CancellationToken, Task}, string?, ExecutionContext?)"/> (asyncio's task factory).</summary>
/// <param name="loop">The loop.</param>
/// <param name="body">The async function.</param>
/// <param name="name">The requested name, or null.</param>
/// <param name="context">The requested execution context, or null.</param>
/// <returns>A task bound to <paramref name="loop"/>, typically a subclass of <see cref="LoopTask"/>.</returns>
public delegate LoopTask LoopTaskFactory(BaseEventLoop loop, Func<CancellationToken, Task> body, string? name, ExecutionContext? context);

public abstract partial class BaseEventLoop
{
    private LoopTaskFactory? _taskFactory;

    /// <summary>Whether new tasks run their first step at once when created on the running loop (asyncio 3.12's eager task factory).</summary>
    public bool EagerTaskStart { get; set; }

    /// <inheritdoc/>
    public LoopFuture<TResult> CreateFuture<TResult>()
    {
        CheckClosed();
        return new LoopFuture<TResult>(this);
    }

    /// <inheritdoc/>
    public LoopTask CreateTask(Func<CancellationToken, Task> body, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        CheckClosed();
        return _taskFactory is { } factory
            ? factory(this, body, name, context) ?? throw new InvalidOperationException("The task factory returned null.")
            : new LoopTask(this, body, name, context, EagerTaskStart);
    }

    /// <inheritdoc/>
    public LoopTask<TResult> CreateTask<TResult>(Func<CancellationToken, Task<TResult>> body, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        CheckClosed();
        return new LoopTask<TResult>(this, body, name, context, EagerTaskStart);
    }

    /// <summary>Sets the factory <see cref="CreateTask(Func{CancellationToken, Task}, string?, ExecutionContext?)"/> uses; null restores the default.</summary>
    /// <param name="factory">The factory.</param>
    public void SetTaskFactory(LoopTaskFactory? factory) => _taskFactory = factory;

    /// <summary>The factory set with <see cref="SetTaskFactory"/>, or null.</summary>
    public LoopTaskFactory? GetTaskFactory() => _taskFactory;
}
