namespace SimLoop;

/// <summary>
/// The base of exceptions that end a run instead of going to the exception handler: deadlocks, escapes from
/// the loop, exceeded bounds, replay divergence.
/// </summary>
public abstract class LoopTerminatingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and how to fix it.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    protected LoopTerminatingException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
