namespace SimLoop;

/// <summary>
/// Work left the loop's control (a thread-pool thread, a real-time timer, a blocked loop thread), so the run is no
/// longer determined by its seed. The message names what escaped and how to keep it on the loop.
/// </summary>
public sealed class UncontrolledConcurrencyException : LoopTerminatingException
{
    internal UncontrolledConcurrencyException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
