using SimLoop.Tests.RealLibraries.Cases;
using System.Globalization;
using SimLoop.Scheduling;
using SimLoop.Tests.RealLibraries;

namespace SimLoop.DeterminismProbe;

/// <summary>
/// <c>probe real-libraries &lt;seed&gt;</c>: runs every RealLibraries case with the seed, under FIFO and under a
/// random schedule seeded from it, and prints one line per case with both trace hashes and whether the case ended
/// with its expected result and no failure.
/// </summary>
internal static class RealLibrariesProbe
{
    public static int Print(ulong seed)
    {
        foreach (RealLibraryCase realCase in RealLibraryCases.All)
        {
            (string fifo, bool fifoOk) = Hash(realCase, seed, null);
            (string random, bool randomOk) = Hash(realCase, seed, new SimulationOptions { StrategyFactory = _ => new RandomStrategy(seed) });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"case={realCase.Name} seed={seed} fifo={fifo} random={random} ok={fifoOk && randomOk}"));
        }

        return 0;
    }

    private static (string Hash, bool Ok) Hash(RealLibraryCase realCase, ulong seed, SimulationOptions? options)
    {
        var (run, result, _) = realCase.Run(seed, options);
        return (run.Trace.Hash(), run.Failure is null && result == realCase.Expected);
    }
}
