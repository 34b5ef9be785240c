namespace SimLoop;

public abstract partial class BaseEventLoop
{
    private ExceptionHandler? _exceptionHandler;
    private TimeSpan _slowCallbackDuration = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public bool Debug { get; set; }

    /// <summary>
    /// In debug mode, a callback that takes longer than this on the loop's clock is logged as slow (asyncio's
    /// <c>slow_callback_duration</c>, 0.1 s by default).
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

    /// <summary>The installed exception handler, or null when the default one is used.</summary>
    public ExceptionHandler? GetExceptionHandler() => _exceptionHandler;

    /// <summary>Installs an exception handler; null restores the default one.</summary>
    /// <param name="handler">The handler.</param>
    public void SetExceptionHandler(ExceptionHandler? handler) => _exceptionHandler = handler;

    /// <summary>
    /// Reports an error to the installed exception handler, or to <see cref="DefaultExceptionHandler"/>. An exception
    /// thrown by the handler itself is logged and swallowed, as in asyncio.
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
            Logger.LogLoopError(ex, $"Unhandled error in exception handler (context: {context.Message})");
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
