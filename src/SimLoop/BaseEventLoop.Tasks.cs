namespace SimLoop;

/// <summary>
/// Creates the tasks of <see cref="BaseEventLoop.CreateTask(Func{CancellationToken, Task}, string?, ExecutionContext?)"/>
/// and <see cref="BaseEventLoop.CreateTask{TResult}(Func{CancellationToken, Task{TResult}}, string?, ExecutionContext?)"/>
/// (asyncio's task factory). Each method returns a task bound to the loop, typically of a subclass of
/// <see cref="LoopTask"/> or <see cref="LoopTask{TResult}"/>.
/// </summary>
public interface ILoopTaskFactory
{
    /// <summary>Creates a task whose body returns a plain <see cref="Task"/>.</summary>
    /// <param name="eventLoop">The loop.</param>
    /// <param name="body">The async function.</param>
    /// <param name="name">The requested name, or null.</param>
    /// <param name="context">The requested execution context, or null.</param>
    LoopTask CreateTask(BaseEventLoop eventLoop, Func<CancellationToken, Task> body, string? name, ExecutionContext? context);

    /// <summary>Creates a task whose body returns a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="eventLoop">The loop.</param>
    /// <param name="body">The async function.</param>
    /// <param name="name">The requested name, or null.</param>
    /// <param name="context">The requested execution context, or null.</param>
    LoopTask<TResult> CreateTask<TResult>(BaseEventLoop eventLoop, Func<CancellationToken, Task<TResult>> body, string? name, ExecutionContext? context);
}

public abstract partial class BaseEventLoop
{
    private ILoopTaskFactory? _taskFactory;

    /// <summary>Whether new tasks run their first step at once when created on the running loop (asyncio 3.12's eager task factory).</summary>
    public bool EagerTaskStart { get; set; }

    /// <summary>Creates a pending future bound to this loop.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <returns>The future.</returns>
    public LoopFuture<TResult> CreateFuture<TResult>()
    {
        CheckClosed();
        return new LoopFuture<TResult>(this);
    }

    /// <summary>Creates a task that runs <paramref name="body"/> on this loop (through the task factory, if one is set).</summary>
    /// <param name="body">The async function.</param>
    /// <param name="name">The task's name; <c>Task-N</c> when null.</param>
    /// <param name="context">The execution context; the caller's when null.</param>
    /// <returns>The task.</returns>
    public LoopTask CreateTask(Func<CancellationToken, Task> body, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        CheckClosed();
        return _taskFactory is { } factory
            ? factory.CreateTask(this, body, name, context) ?? throw new InvalidOperationException("The task factory returned null.")
            : new LoopTask(this, body, name, context, EagerTaskStart);
    }

    /// <summary>Creates a task with a result that runs <paramref name="body"/> on this loop.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="body">The async function.</param>
    /// <param name="name">The task's name; <c>Task-N</c> when null.</param>
    /// <param name="context">The execution context; the caller's when null.</param>
    /// <returns>The task.</returns>
    public LoopTask<TResult> CreateTask<TResult>(Func<CancellationToken, Task<TResult>> body, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        CheckClosed();
        return _taskFactory is { } factory
            ? factory.CreateTask(this, body, name, context) ?? throw new InvalidOperationException("The task factory returned null.")
            : new LoopTask<TResult>(this, body, name, context, EagerTaskStart);
    }

    /// <summary>Sets the factory both <c>CreateTask</c> overloads use; null restores the default.</summary>
    /// <param name="factory">The factory.</param>
    public void SetTaskFactory(ILoopTaskFactory? factory) => _taskFactory = factory;

    /// <summary>The factory set with <see cref="SetTaskFactory"/>, or null.</summary>
    public ILoopTaskFactory? GetTaskFactory() => _taskFactory;
}
