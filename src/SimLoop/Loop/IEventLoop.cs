namespace SimLoop;

/// <summary>
/// The event loop contract (asyncio's <c>AbstractEventLoop</c>). <see cref="BaseEventLoop"/> implements it;
/// <see cref="SimulatedEventLoop"/> runs it on virtual time.
/// </summary>
public interface IEventLoop
{
    /// <summary>The loop's clock in seconds (asyncio's <c>time()</c>).</summary>
    double Time { get; }

    /// <summary>A <see cref="TimeProvider"/> backed by the loop's clock and timers.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Whether the loop is running.</summary>
    bool IsRunning { get; }

    /// <summary>Whether the loop was closed.</summary>
    bool IsClosed { get; }

    /// <summary>Debug mode: slow callbacks are logged.</summary>
    bool Debug { get; set; }

    /// <summary>Schedules <paramref name="callback"/> to run in the next iteration, after the callbacks already scheduled (FIFO).</summary>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels it.</returns>
    /// <exception cref="InvalidOperationException">The loop is closed, or the call comes from another thread while it runs.</exception>
    Handle CallSoon(Action callback);

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> to run soon (no closure allocation).</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="state">Its argument.</param>
    /// <returns>A handle that cancels it.</returns>
    Handle CallSoon(Action<object?> callback, object? state);

    /// <summary>Schedules <paramref name="callback"/> from any thread and wakes the loop.</summary>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels it.</returns>
    Handle CallSoonThreadSafe(Action callback);

    /// <summary>Schedules <paramref name="callback"/> after <paramref name="delay"/> of loop time; a negative delay is due at once.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels the timer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is infinite.</exception>
    TimerHandle CallLater(TimeSpan delay, Action callback);

    /// <summary>Schedules <paramref name="callback"/> after <paramref name="delaySeconds"/> seconds of loop time.</summary>
    /// <param name="delaySeconds">The delay in seconds.</param>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels the timer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is NaN or infinite.</exception>
    TimerHandle CallLater(double delaySeconds, Action callback);

    /// <summary>Schedules <paramref name="callback"/> at loop time <paramref name="whenSeconds"/>. Timers due at the same time run in scheduling order.</summary>
    /// <param name="whenSeconds">The due time in seconds.</param>
    /// <param name="callback">The callback.</param>
    /// <returns>A handle that cancels the timer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is NaN or infinite.</exception>
    TimerHandle CallAt(double whenSeconds, Action callback);

    /// <summary>Runs until <see cref="Stop"/> is called.</summary>
    /// <exception cref="InvalidOperationException">The loop is closed, already running, or another loop runs on this thread.</exception>
    void RunForever();

    /// <summary>Runs until <paramref name="future"/> is done and returns its result or throws its exception.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="future">A future or task of this loop.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The future belongs to another loop.</exception>
    /// <exception cref="InvalidOperationException">The loop stopped before the future completed.</exception>
    TResult RunUntilComplete<TResult>(LoopFuture<TResult> future);

    /// <summary>Runs <paramref name="body"/> as a task named <c>main</c> until it completes.</summary>
    /// <param name="body">The async function.</param>
    void RunUntilComplete(Func<CancellationToken, Task> body);

    /// <summary>Runs <paramref name="body"/> as a task named <c>main</c> until it completes, and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="body">The async function.</param>
    /// <returns>The result.</returns>
    TResult RunUntilComplete<TResult>(Func<CancellationToken, Task<TResult>> body);

    /// <summary>Stops the loop after the current iteration; before a run, the next run does one iteration.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "asyncio's name (loop.stop()); VB's Stop statement is not a concern of this API.")]
    void Stop();

    /// <summary>Closes the loop: drops pending callbacks and reports task exceptions never retrieved. Idempotent.</summary>
    /// <exception cref="InvalidOperationException">The loop is running.</exception>
    void Close();

    /// <summary>Creates a pending future bound to this loop.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <returns>The future.</returns>
    LoopFuture<TResult> CreateFuture<TResult>();

    /// <summary>Creates a task that runs <paramref name="body"/> on this loop (through the task factory, if one is set).</summary>
    /// <param name="body">The async function.</param>
    /// <param name="name">The task's name; <c>Task-N</c> when null.</param>
    /// <param name="context">The execution context; the caller's when null.</param>
    /// <returns>The task.</returns>
    LoopTask CreateTask(Func<CancellationToken, Task> body, string? name = null, ExecutionContext? context = null);

    /// <summary>Creates a task with a result that runs <paramref name="body"/> on this loop.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="body">The async function.</param>
    /// <param name="name">The task's name; <c>Task-N</c> when null.</param>
    /// <param name="context">The execution context; the caller's when null.</param>
    /// <returns>The task.</returns>
    LoopTask<TResult> CreateTask<TResult>(Func<CancellationToken, Task<TResult>> body, string? name = null, ExecutionContext? context = null);
}
