using System.Diagnostics;
using System.Globalization;
using SimLoop.Exploration;

namespace SimLoop.Benchmarks;

/// <summary>
/// `parallel [iterations] [rounds]`: why `--parallel 2` is not 2x `--parallel 1`. The echo workload explored with 1
/// and 2 workers, default options and lean (and default without the watchdog), each row with wall time, the process's
/// CPU time (user + system), the GC's total pause time and collection counts, and bytes allocated per iteration.
/// CPU per iteration that grows with the workers is contention; pauses are the serial share (a workstation GC stops
/// every worker).
/// </summary>
internal static class ParallelMode
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        if (args.Length > 1 && args[1] is "spin-default" or "spin-nowatch")
        {
            var o = new SimulationOptions { BlockingStepTimeout = args[1] == "spin-default" ? TimeSpan.FromSeconds(5) : null };
            for (int k = 0; k < 30; k++)
            {
                Simulation.Explore(PendingBenchmarks.EchoWorkload, RatioMeasurements.Quiet(40, o, 1));
            }

            return 0;
        }

        int iterations = args.Length > 1 ? int.Parse(args[1], s_inv) : 400;
        int rounds = args.Length > 2 ? int.Parse(args[2], s_inv) : 3;
        Console.WriteLine($"parallel: {iterations} echo iterations per row, {rounds} rounds, GC server={System.Runtime.GCSettings.IsServerGC}, latency={System.Runtime.GCSettings.LatencyMode}, {Environment.ProcessorCount} cores");
        Measure("warm-up", new SimulationOptions(), 1, iterations / 4);
        Console.WriteLine();
        Console.WriteLine("| Options | Workers | Iterations/s | CPU ms/iteration | GC pause % of wall | gen0/1/2 | KB allocated/iteration |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (int r = 0; r < rounds; r++)
        {
            foreach ((string name, Func<SimulationOptions> make) in new (string, Func<SimulationOptions>)[]
            {
                ("default", () => new SimulationOptions()),
                ("default, no watchdog", () => new SimulationOptions { BlockingStepTimeout = null }),
                ("lean", () => new SimulationOptions { RecordTrace = false, BlockingStepTimeout = null }),
            })
            {
                foreach (int workers in new[] { 1, 2 })
                {
                    Console.WriteLine(Measure(name, make(), workers, iterations));
                }
            }
        }

        return 0;
    }

    private static string Measure(string name, SimulationOptions simulation, int workers, int iterations)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        TimeSpan cpu0 = self.TotalProcessorTime;
        TimeSpan pause0 = GC.GetTotalPauseDuration();
        long alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        ExplorationResult result = Simulation.Explore(PendingBenchmarks.EchoWorkload, RatioMeasurements.Quiet(iterations, simulation, workers));
        RatioMeasurements.Expect(result.Passed && result.IterationsRun == iterations, "parallel: the echo exploration failed");
        self.Refresh();
        double wall = result.WallClockTime.TotalMilliseconds;
        double cpu = (self.TotalProcessorTime - cpu0).TotalMilliseconds;
        double pause = (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds;
        long alloc = GC.GetTotalAllocatedBytes(precise: false) - alloc0;
        return string.Create(s_inv, $"| {name} | {workers} | {iterations / (wall / 1000):N0} | {cpu / iterations:0.00} | {100 * pause / wall:0.0} | " +
            $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2} | {alloc / 1024.0 / iterations:N0} |");
    }
}
