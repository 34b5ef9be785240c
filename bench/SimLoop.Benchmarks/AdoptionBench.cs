using System.Diagnostics;
using System.Globalization;
using SimLoop.Exploration;
using SimLoop.Hosts;

namespace SimLoop.Benchmarks;

/// <summary>
/// The <c>adoption</c> mode: what thread-pool adoption (issue 10) costs and saves, measured the same way on any
/// commit (it uses only API that predates adoption, so the same file builds "before" for a side-by-side reading):
/// (a) wall time per explored iteration of a lost-wakeup deadlock, and of a run that always deadlocks;
/// (b) per-step cost of escape-free workloads with default options (ping-pongs, and an echo exploration over the
/// simulated network).
/// </summary>
internal static class AdoptionBench
{
    private const int Port = 7;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(int repeats)
    {
        Console.WriteLine($"Runtime {Environment.Version}, {Environment.ProcessorCount} cores; median of {repeats} repeats; default SimulationOptions unless said.");
        Warm();

        Console.WriteLine();
        Console.WriteLine("| (a) Deadlock | Iterations | Deadlocked | Wall ms per iteration (median) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Print("lost wakeup, explored (random strategy, all iterations)", 100, repeats, () =>
        {
            ExplorationResult r = Simulation.Explore(LostWakeupAsync, ExploreAll(100, ExplorationStrategy.Random));
            return (r.IterationsRun, r.Failures.Count(f => f.Exception is DeadlockException), r.WallClockTime.TotalMilliseconds);
        });
        Print("always deadlocks (Simulation.Run)", 20, repeats, () =>
        {
            var watch = Stopwatch.StartNew();
            int deadlocked = 0;
            for (ulong seed = 0; seed < 20; seed++)
            {
                deadlocked += Simulation.Run(seed, AlwaysDeadlocksAsync).Failure is DeadlockException ? 1 : 0;
            }

            return (20, deadlocked, watch.Elapsed.TotalMilliseconds);
        });

        Console.WriteLine();
        Console.WriteLine("| (b) Escape-free workload | Steps measured | wall ns per step (median) | wall ns (min) | process CPU ns per step (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        PrintSteps("TCS ping-pong, 100,000 hand-overs", repeats, () => Measure(() => Workloads.TcsPingPong(Workloads.DefaultLoop(), 100_000)));
        PrintSteps("LoopFuture ping-pong, 100,000 hand-overs", repeats, () => Measure(() => Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), 100_000)));
        PrintSteps("TCS ping-pong, adoption off (= default before issue 10)", repeats, () => Measure(() => Workloads.TcsPingPong(WithoutAdoption(), 100_000)));
        PrintSteps("LoopFuture ping-pong, adoption off (= default before issue 10)", repeats, () => Measure(() => Workloads.LoopFuturePingPong(WithoutAdoption(), 100_000)));
        PrintSteps("TCS ping-pong, 1,000,000 hand-overs (a per-run cost shrinks 10x here)", repeats, () => Measure(() => Workloads.TcsPingPong(Workloads.DefaultLoop(), 1_000_000)));
        PrintSteps("TCS ping-pong, 1,000,000 hand-overs, adoption off", repeats, () => Measure(() => Workloads.TcsPingPong(WithoutAdoption(), 1_000_000)));
        PrintSteps("echo over the simulated network, 20 seeds explored (10 clients x 100 messages)", repeats, () =>
        {
            ExplorationResult r = Simulation.Explore(EchoAsync, ExploreAll(20, ExplorationStrategy.Random));
            return r.Steps;
        });
        return 0;
    }

    private static void Warm()
    {
        Simulation.Explore(LostWakeupAsync, ExploreAll(50, ExplorationStrategy.Random));
        Workloads.TcsPingPong(Workloads.DefaultLoop(), 100_000);
        Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), 100_000);
        Simulation.Explore(EchoAsync, ExploreAll(5, ExplorationStrategy.Random));
    }

    private static ExplorationOptions ExploreAll(int iterations, ExplorationStrategy strategy) => new()
    {
        Iterations = iterations,
        Strategy = strategy,
        StopOnFirstFailure = false,
        ThrowOnFailure = false,
        Shrink = false,
        FailureFolder = null,
        HonourEnvironment = false,
    };

    private static long Measure(Func<int> wakeups) => wakeups();

    /// <summary>Default options with <c>AdoptThreadPoolWork = false</c> where that option exists (set by name, so this file builds before it).</summary>
    private static SimulatedEventLoop WithoutAdoption()
    {
        var options = new SimulationOptions { Seed = 1, MaxSteps = null }; // benchmarks run millions of steps
        typeof(SimulationOptions).GetProperty("AdoptThreadPoolWork")?.SetValue(options, false);
        return new SimulatedEventLoop(options);
    }

    private static void Print(string what, int iterations, int repeats, Func<(long Iterations, int Deadlocked, double WallMs)> run)
    {
        var perIteration = new List<double>();
        int deadlocked = 0;
        for (int i = 0; i < repeats; i++)
        {
            (long its, int d, double ms) = run();
            perIteration.Add(ms / its);
            deadlocked = d;
        }

        Console.WriteLine($"| {what} | {iterations} | {deadlocked} | {Median(perIteration).ToString("0.000", Inv)} |");
    }

    /// <summary>Runs <paramref name="run"/> (it returns the steps it ran) and prints wall and process-CPU time per step.</summary>
    /// <remarks>Process CPU time leaves out the time the process waits for a core, so on a shared machine it is the steadier reading.</remarks>
    private static void PrintSteps(string what, int repeats, Func<long> run)
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        long steps = 0;
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < repeats; i++)
        {
            GC.Collect();
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            steps = run();
            double wallNs = watch.Elapsed.TotalMilliseconds * 1e6;
            process.Refresh();
            wall.Add(wallNs / steps);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1e6 / steps);
        }

        double min = wall.Min();
        Console.WriteLine($"| {what} | {steps.ToString("N0", Inv)} | {Median(wall).ToString("0", Inv)} | {min.ToString("0", Inv)} | {Median(cpu).ToString("0", Inv)} |");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>The consumer checks a flag, yields, then waits for a wake-up the producer sends only if the waiter exists.</summary>
    internal static async Task LostWakeupAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        bool ready = false;
        TaskCompletionSource? waiter = null;
        LoopTask consumer = loop.CreateTask(async _ =>
        {
            if (!ready)
            {
                await Task.Yield();
                waiter = new TaskCompletionSource();
                await waiter.Task;
            }
        }, "consumer");
        LoopTask producer = loop.CreateTask(async _ =>
        {
            await Task.Yield();
            ready = true;
            waiter?.TrySetResult();
        }, "producer");
        await consumer;
        await producer;
    }

    private static async Task AlwaysDeadlocksAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var never = new TaskCompletionSource();
        await loop.CreateTask(async _ => await never.Task, "waiter");
    }

    private static async Task EchoAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        loop.AddHost("server", async (host, _) => await host.StartServerAsync(async (stream, ct) =>
        {
            var buffer = new byte[64];
            int n;
            while ((n = await stream.ReadAsync(buffer, ct)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }, Port));
        var clients = new List<LoopTask>();
        for (int i = 0; i < 10; i++)
        {
            SimulatedHost host = loop.AddHost($"client{i}");
            clients.Add(host.Spawn(async ct =>
            {
                await using Stream stream = await host.OpenConnectionAsync("server", Port, ct);
                var message = new byte[64];
                var reply = new byte[64];
                for (int m = 0; m < 100; m++)
                {
                    await stream.WriteAsync(message, ct);
                    await stream.ReadExactlyAsync(reply, ct);
                }
            }));
        }

        foreach (LoopTask client in clients)
        {
            await client;
        }
    }
}
