using System.Globalization;

namespace SimLoop.Benchmarks;

/// <summary>
/// The <c>timers</c> mode: the cost of one timer on the loop thread, load-independent as far as it can be: CPU time of
/// the calling thread (<see cref="ThreadCpu"/>, not wall time) and bytes allocated on it, per timer, for the timer
/// workloads of issue 14 (default options). Best and median of several rounds; each workload runs twice first (JIT).
/// </summary>
public static class TimerCostMode
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Runs the rows and prints a table (or one line per row with <c>--tsv</c>).</summary>
    public static int Run(string[] args)
    {
        int rounds = IntArg(args, "--rounds", 5);
        int count = IntArg(args, "--timers", 100_000);
        long[] due = Workloads.DueTimes(count);
        int only = IntArg(args, "--only", 0); // 1-based row number, 0 = all (a profiler target)
        Console.WriteLine($"| Workload (default options, {count:N0} timers) | CPU ns/timer (best) | CPU ns/timer (median) | wall ns/timer (median) | B/timer | GCs gen0/1/2 per run |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        Row(only is 0 or 1, "FakeTimeProvider workload: `TimeProvider.CreateTimer` one-shots, 1,000 `RunFor`", count, rounds,
            () => FakeWorkload(due, 1_000));
        Row(only is 0 or 2, "`TimeProvider.CreateTimer` one-shots, one `RunFor` to the end", count, rounds,
            () => Workloads.TimeProviderTimers(Workloads.DefaultLoop(), due));
        Row(only is 0 or 3, "`loop.CallLater`, one `RunFor` to the end", count, rounds,
            () => Workloads.CallLaterTimers(Workloads.DefaultLoop(), due));
        Row(only is 0 or 4, "`await Task.Delay(d, loop.TimeProvider)`: 100 tasks x count/100 delays (timer + task step)", count, rounds,
            () => DelayTasks(due));
        Row(only is 0 or 6, "floor: a bare `PriorityQueue<Action, long>` of callbacks, drained in order (no loop)", count, rounds,
            () => Workloads.BarePriorityQueueTimers(due));
        if (only == 5)
        {
            // What `ratios` reads (wall ns per timer), in a process where nothing ran before (the first call is cold),
            // or, with --after-ping-pong, after the step workloads that `ratios` warms up with (its hot loop tiered up
            // on a workload without timers).
            if (args.Contains("--after-ping-pong"))
            {
                Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), 100_000);
                Workloads.LoopFuturePingPong(Workloads.LeanLoop(), 100_000);
                Workloads.TcsPingPong(Workloads.LeanLoop(), 100_000);
                RatioMeasurements.EchoIterationsPerSecond(50, 1, lean: false);
            }

            var readings = new List<string>();
            for (int r = 0; r < rounds; r++)
            {
                GC.Collect();
                long c0 = ThreadCpu.NowNs();
                double wallNs = RatioMeasurements.SimLoopNsPerTimer(due, 1_000);
                readings.Add($"{wallNs.ToString("N0", s_inv)} wall / {((ThreadCpu.NowNs() - c0) / (double)count).ToString("N0", s_inv)} CPU");
            }

            Console.WriteLine($"RatioMeasurements.SimLoopNsPerTimer, {count:N0} timers, 1,000 RunFor, ns per timer, first call cold: {string.Join(", ", readings)}");
        }

        return 0;
    }

    /// <summary>RatioMeasurements.SimLoopNsPerTimer's workload (without its clock).</summary>
    private static int FakeWorkload(long[] dueTicks, int advances)
    {
        var counter = new Workloads.Counter();
        SimulatedEventLoop loop = Workloads.DefaultLoop();
        TimeProvider tp = loop.TimeProvider;
        for (int i = 0; i < dueTicks.Length; i++)
        {
            tp.CreateTimer(static s => ((Workloads.Counter)s!).Value++, counter, TimeSpan.FromTicks(dueTicks[i]), Timeout.InfiniteTimeSpan);
        }

        TimeSpan step = Workloads.PastAllDueTimes / advances;
        for (int i = 0; i < advances; i++)
        {
            loop.RunFor(step);
        }

        return counter.Value;
    }

    /// <summary>100 tasks, each awaiting its share of the due times (divided by its share, so all end within the hour).</summary>
    private static int DelayTasks(long[] dueTicks)
    {
        const int tasks = 100;
        SimulatedEventLoop loop = Workloads.DefaultLoop();
        TimeProvider tp = loop.TimeProvider;
        int perTask = dueTicks.Length / tasks;
        int fired = 0;
        for (int t = 0; t < tasks; t++)
        {
            int first = t * perTask;
            loop.CreateTask(async _ =>
            {
                for (int i = first; i < first + perTask; i++)
                {
                    await Task.Delay(TimeSpan.FromTicks(dueTicks[i] / perTask), tp);
                    fired++;
                }
            });
        }

        loop.RunFor(Workloads.PastAllDueTimes);
        return fired;
    }

    private static void Row(bool selected, string what, int count, int rounds, Func<int> body)
    {
        if (!selected)
        {
            return;
        }

        Check(body(), count, what); // warm-up (JIT, tiering)
        Check(body(), count, what);
        var cpu = new List<double>();
        var wall = new List<double>();
        long bytes = long.MaxValue;
        int[] gcs = new int[3];
        for (int r = 0; r < rounds; r++)
        {
            GC.Collect();
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            int[] gc0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            long w0 = System.Diagnostics.Stopwatch.GetTimestamp();
            long c0 = ThreadCpu.NowNs();
            int fired = body();
            long c1 = ThreadCpu.NowNs();
            wall.Add(System.Diagnostics.Stopwatch.GetElapsedTime(w0).TotalNanoseconds / count);
            for (int g = 0; g < 3; g++)
            {
                gcs[g] += GC.CollectionCount(g) - gc0[g];
            }

            long a1 = GC.GetAllocatedBytesForCurrentThread();
            Check(fired, count, what);
            cpu.Add((c1 - c0) / (double)count);
            bytes = Math.Min(bytes, (a1 - a0) / count);
        }

        cpu.Sort();
        wall.Sort();
        string perRun = string.Join('/', gcs.Select(g => (g / (double)rounds).ToString("0.#", s_inv)));
        Console.WriteLine($"| {what} | {cpu[0].ToString("N0", s_inv)} | {cpu[cpu.Count / 2].ToString("N0", s_inv)} | {wall[wall.Count / 2].ToString("N0", s_inv)} | {bytes} | {perRun} |");
    }

    private static void Check(int fired, int count, string what)
    {
        if (fired != count)
        {
            throw new InvalidOperationException($"{what}: {fired} of {count} timers fired.");
        }
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], s_inv) : fallback;
    }
}
