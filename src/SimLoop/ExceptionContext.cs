namespace SimLoop;

/// <summary>
/// What the loop's exception handler is given (asyncio's exception-handler context dictionary).
/// </summary>
/// <param name="Message">A description of what went wrong, for example <c>"Exception in callback ..."</c>.</param>
/// <param name="Exception">The exception, if there is one.</param>
public sealed record ExceptionContext(string Message, Exception? Exception = null)
{
    /// <summary>The handle whose callback failed, if any.</summary>
    public Handle? Handle { get; init; }

    /// <summary>The task concerned, if any (for example a task whose exception was never retrieved).</summary>
    public ILoopTask? Task { get; init; }

    /// <summary>The transport or protocol concerned, if any.</summary>
    public object? Source { get; init; }

    /// <summary>For "Unhandled error in exception handler": the context the failing custom handler was given.</summary>
    public ExceptionContext? FailedContext { get; init; }
}
