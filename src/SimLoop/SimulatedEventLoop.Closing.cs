namespace SimLoop;

public sealed partial class SimulatedEventLoop
{
    /// <summary>
    /// Closes the loop (see <see cref="BaseEventLoop.Close"/>). A task exception never retrieved reaches the default
    /// exception handler here, after the run; with <see cref="SimulationOptions.FailOnUnhandledException"/> on it is
    /// thrown as an <see cref="UnhandledLoopException"/> so that a test does not pass over it. The loop is closed
    /// either way.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is running.</exception>
    /// <exception cref="UnhandledLoopException">An error reached the default exception handler while closing.</exception>
    public override void Close()
    {
        base.Close();
        _watchdog?.Dispose();
        _adoption?.ReleaseAll();
        _termination.ThrowPendingFailure();
    }
}
