namespace SimLoop;

public abstract partial class BaseEventLoop
{
    private ExceptionHandler? _exceptionHandler;
    private TimeSpan _slowCallbackDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>Debug mode: slow callbacks are logged.</summary>
    public bool Debug { get; set; }

    /// <summary>
    /// In debug mode, a callback that takes this long or longer in real time is logged as slow (asyncio's
    /// <c>slow_callback_duration</c>, 0.1 s by default). Virtual time never moves inside a callback, so the loop
    /// measures with <see cref="RealTimeClock"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan SlowCallbackDuration
    {
        get => _slowCallbackDuration;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _slowCallbackDuration = value;
        }
    }

    /// <summary>The real-time clock the debug slow-callback warning measures with (the system's; tests inject another).</summary>
#pragma warning disable RS0030 // The slow-callback warning is about real time spent in a callback.
    internal TimeProvider RealTimeClock { get; set; } = TimeProvider.System;
#pragma warning restore RS0030

    /// <summary>The installed exception handler, or null when the default one is used.</summary>
    public ExceptionHandler? GetExceptionHandler() => _exceptionHandler;

    /// <summary>Installs an exception handler; null restores the default one.</summary>
    /// <param name="handler">The handler.</param>
    public void SetExceptionHandler(ExceptionHandler? handler) => _exceptionHandler = handler;

    /// <summary>
    /// Reports an error to the installed exception handler, or to <see cref="DefaultExceptionHandler"/>. An exception
    /// thrown by a custom handler goes to <see cref="DefaultExceptionHandler"/> as "Unhandled error in exception
    /// handler" (with the original context in <see cref="ExceptionContext.FailedContext"/>); one thrown by the default
    /// handler then is logged, as in asyncio.
    /// </summary>
    /// <param name="context">What happened.</param>
    public void CallExceptionHandler(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_exceptionHandler is null)
        {
            DefaultExceptionHandler(context);
            return;
        }

        try
        {
            _exceptionHandler(this, context);
        }
        catch (Exception ex) when (ex is not LoopTerminatingException)
        {
            try
            {
                DefaultExceptionHandler(new ExceptionContext("Unhandled error in exception handler", ex) { FailedContext = context });
            }
            catch (Exception inner) when (inner is not LoopTerminatingException)
            {
                Logger.LogLoopError(inner, "Exception in default exception handler while handling an unexpected error in custom exception handler");
            }
        }
    }

    /// <summary>
    /// The default exception handler: logs the message and exception through <see cref="Logger"/>. A simulated loop
    /// also fails the run, so that no error goes unnoticed in a test.
    /// </summary>
    /// <param name="context">What happened.</param>
    public virtual void DefaultExceptionHandler(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string message = context.Handle is null ? context.Message : $"{context.Message} (handle: {context.Handle})";
        Logger.LogLoopError(context.Exception, message);
    }

    private readonly List<LoopFuture> _failedFutures = new();

    internal void TrackFailedFuture(LoopFuture future) => _failedFutures.Add(future);

    /// <summary>asyncio reports these when the future is collected; a loop reports them when it is closed.</summary>
    private void ReportUnretrievedTaskExceptions()
    {
        foreach (LoopFuture future in _failedFutures)
        {
            if (!future.ExceptionRetrieved && future.ExceptionOrNull is { } ex)
            {
                string what = future is ILoopTask ? "Task" : "Future";
                CallExceptionHandler(new ExceptionContext($"{what} exception was never retrieved", ex) { Task = future as ILoopTask });
            }
        }

        _failedFutures.Clear();
    }
}
