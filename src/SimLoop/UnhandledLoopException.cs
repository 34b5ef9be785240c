namespace SimLoop;

/// <summary>
/// An error reached the simulated loop's default exception handler (for example an exception thrown by a callback,
/// or a task exception never retrieved), and <see cref="SimulationOptions.FailOnUnhandledException"/> is on.
/// </summary>
public sealed class UnhandledLoopException : LoopTerminatingException
{
    internal UnhandledLoopException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
