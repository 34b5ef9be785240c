namespace SimLoop;

/// <summary>An exception handler installed with <see cref="BaseEventLoop.SetExceptionHandler"/>.</summary>
/// <param name="loop">The loop on which the error happened.</param>
/// <param name="context">What happened.</param>
public delegate void ExceptionHandler(BaseEventLoop loop, ExceptionContext context);
