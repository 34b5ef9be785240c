namespace SimLoop.Hosts;

// asyncio's _fatal_error: an exception thrown by a protocol callback goes to the loop's exception handler (which, in a
// simulated run, fails the run by default), and a failed data callback closes the transport with ConnectionLost(error).
internal sealed partial class VirtualStreamTransport
{
    /// <summary>Reports an exception of a data callback and closes the transport with it (asyncio's <c>_fatal_error</c>).</summary>
    private void FatalError(Exception exception, string what)
    {
        _loop.CallExceptionHandler(new ExceptionContext($"Fatal error: {what} call failed.", exception) { Source = this });
        ForceClose(exception, reset: true);
    }

    /// <summary>Reports an exception of a flow-control callback (pause/resume writing); the transport goes on, as in asyncio.</summary>
    private void ReportFlowControlError(Exception exception, string what) =>
        _loop.CallExceptionHandler(new ExceptionContext($"{what} failed", exception) { Source = this });
}
