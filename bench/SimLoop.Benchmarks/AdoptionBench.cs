using System.Diagnostics;
using System.Globalization;
using SimLoop.Exploration;
using SimLoop.Hosts;

namespace SimLoop.Benchmarks;

/// <summary>
/// The <c>adoption</c> mode: what thread-pool adoption (issue 10) costs and saves, measured the same way on any
/// commit (it uses only API that predates adoption, so the same file builds "before" for a side-by-side reading):
/// (a) wall time per explored iteration of a lost-wakeup deadlock, and of a run that always deadlocks;
/// (b) per-step cost of escape-free workloads with default options, adoption on against off, interleaved in many
/// short rounds (CPU time per step, its spread, and bytes allocated per step, which load does not change).
/// </summary>
internal static class AdoptionBench
{
    private const int Port = 7;
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

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
        Console.WriteLine($"(b) Escape-free workload, adoption on (the default) vs off, interleaved: {Rounds} rounds, the order of the pair alternating;");
        Console.WriteLine($"CPU ns per step of the loop thread ({ThreadCpu.Source}; leaves out waiting for a core and other threads), median [min-max] over rounds; ratio = median of per-round on/off ratios; bytes allocated per step on the loop thread (load-independent).");
        Console.WriteLine();
        Console.WriteLine("| Workload | on: CPU ns/step | off: CPU ns/step | on/off ratio, median [min-max] | on: B/step | off: B/step |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Interleaved("TCS ping-pong, 100,000 hand-overs", (loop) => Workloads.TcsPingPong(loop, 100_000));
        Interleaved("LoopFuture ping-pong, 100,000 hand-overs", (loop) => Workloads.LoopFuturePingPong(loop, 100_000));
        return 0;
    }

    private static void Warm()
    {
        Simulation.Explore(LostWakeupAsync, ExploreAll(50, ExplorationStrategy.Random));
        Workloads.TcsPingPong(Workloads.DefaultLoop(), 100_000);
        Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), 100_000);
        Simulation.Explore(EchoAsync, ExploreAll(5, ExplorationStrategy.Random));
    }

    private const int Rounds = 31;

    /// <summary>
    /// Measures <paramref name="workload"/> with adoption on and off in <see cref="Rounds"/> back-to-back pairs whose
    /// order alternates, so load and warm-up fall on both sides alike; prints medians, spread and allocations.
    /// </summary>
    private static void Interleaved(string what, Func<SimulatedEventLoop, int> workload)
    {
        var on = new List<double>();
        var off = new List<double>();
        var ratios = new List<double>();
        double onBytes = 0, offBytes = 0;
        for (int round = 0; round < Rounds; round++)
        {
            bool onFirst = round % 2 == 0;
            (double firstCpu, double firstBytes) = CpuAndBytesPerStep(onFirst ? Workloads.DefaultLoop() : WithoutAdoption(), workload);
            (double secondCpu, double secondBytes) = CpuAndBytesPerStep(onFirst ? WithoutAdoption() : Workloads.DefaultLoop(), workload);
            (double onCpu, double offCpu) = onFirst ? (firstCpu, secondCpu) : (secondCpu, firstCpu);
            (onBytes, offBytes) = onFirst ? (firstBytes, secondBytes) : (secondBytes, firstBytes);
            on.Add(onCpu);
            off.Add(offCpu);
            ratios.Add(onCpu / offCpu);
        }

        Console.WriteLine($"| {what} | {Spread(on, "0")} | {Spread(off, "0")} | {Spread(ratios, "0.00")} | {onBytes.ToString("0", s_inv)} | {offBytes.ToString("0", s_inv)} |");
    }

    private static (double CpuNs, double Bytes) CpuAndBytesPerStep(SimulatedEventLoop loop, Func<SimulatedEventLoop, int> workload)
    {
        GC.Collect();
        long cpuBefore = ThreadCpu.NowNs();
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        workload(loop);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        long cpu = ThreadCpu.NowNs() - cpuBefore;
        double steps = loop.StepCount;
        return (cpu / steps, bytes / steps);
    }

    private static string Spread(List<double> values, string format) =>
        $"{Median(values).ToString(format, s_inv)} [{values.Min().ToString(format, s_inv)}-{values.Max().ToString(format, s_inv)}]";

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

        Console.WriteLine($"| {what} | {iterations} | {deadlocked} | {Median(perIteration).ToString("0.000", s_inv)} |");
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
