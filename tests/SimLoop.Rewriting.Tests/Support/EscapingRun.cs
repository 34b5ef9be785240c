namespace SimLoop.Rewriting.Tests.Support;

/// <summary>
/// Runs code that is not rewritten with thread-pool adoption off, the way its hops escape the loop. The loop is left
/// open afterwards: the escaped work goes on on the pool and may still post its continuation to the loop once the run
/// has ended, which a closed loop would answer with an exception on that pool thread (failing the whole test run).
/// </summary>
internal static class EscapingRun
{
    /// <summary>
    /// Runs <paramref name="body"/> on a fresh loop (seed 0, adoption off, a real-time grace that the loop stops
    /// waiting out as soon as the escaped work reports itself) and returns what the run threw, or null.
    /// </summary>
    public static Exception? Failure(Func<CancellationToken, Task> body)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = 0, AdoptThreadPoolWork = false, EscapeGracePeriod = TimeSpan.FromSeconds(30) });
        try
        {
            loop.RunUntilComplete(body);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
