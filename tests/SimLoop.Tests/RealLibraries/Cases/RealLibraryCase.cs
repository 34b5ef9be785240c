using SimLoop.Exploration;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// One program of the RealLibraries suite: real .NET library code run on the loop unchanged. The body returns a
/// text that says what the run did; <see cref="Expected"/> is that text when the run is right.
/// </summary>
/// <param name="Name">A short name (the probe prints it; tests use it as the theory's data).</param>
/// <param name="Body">The program; it gets the loop and the main task's token.</param>
/// <param name="Expected">What the body returns when the libraries behaved.</param>
/// <param name="HopsThroughThePool">Whether the libraries queue thread-pool work (adopted by the loop) in this case.</param>
internal sealed record RealLibraryCase(string Name, Func<SimulatedEventLoop, CancellationToken, Task<string>> Body, string Expected, bool HopsThroughThePool = true)
{
    /// <summary>
    /// Runs the case once with <paramref name="seed"/>; returns the run, what the body returned (null if it failed)
    /// and how many thread-pool items the loop had adopted when the body returned.
    /// </summary>
    public (SimulationRun Run, string? Result, long Adopted) Run(ulong seed, SimulationOptions? options = null)
    {
        string? result = null;
        long adopted = 0;
        SimulationRun run = SimLoop.Simulation.Run(seed, async (loop, ct) =>
        {
            result = await Body(loop, ct);
            adopted = loop.AdoptedWorkCount;
        }, options);
        return (run, result, adopted);
    }
}
