using System.Diagnostics;
using System.Globalization;

namespace SimLoop.Benchmarks;

/// <summary>
/// A loop with nothing but <see cref="BaseEventLoop"/>: no trace, no watchdog, no escape marker, no strategy. The
/// ping-pong on it isolates the base loop's and the task machinery's cost from <see cref="SimulatedEventLoop"/>'s hooks.
/// </summary>
public sealed class MinimalLoop : BaseEventLoop
{
    private long _now;

    /// <inheritdoc/>
    public override long NowTicks => _now;

    /// <inheritdoc/>
    public override TimeProvider TimeProvider => throw new NotSupportedException("MinimalLoop has no TimeProvider.");

    /// <inheritdoc/>
    protected override void WaitForEvents(long? timeoutTicks)
    {
        if (timeoutTicks is { } t)
        {
            _now += t;
            return;
        }

        throw new InvalidOperationException("MinimalLoop: nothing ready and no timer (deadlock).");
    }

    /// <inheritdoc/>
    protected override void WriteToSelf()
    {
    }
}

/// <summary>
/// The <c>breakdown</c> mode: where a scheduling step's time goes. Times whole workloads and isolated pieces of the
/// hot path (best of several runs: the calling thread's CPU time, which a loaded machine does not inflate, and wall
/// time for the rows that use other threads; allocation from GC.GetAllocatedBytesForCurrentThread).
/// </summary>
public static class Breakdown
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Runs the breakdown and prints a table.</summary>
    public static int Run()
    {
        const int halves = 200_000;
        const int micro = 2_000_000;
        Console.WriteLine($"| Piece | ns/op ({ThreadCpu.Source}; wall for the explored rows) | B/op |");
        Console.WriteLine("|---|---:|---:|");
        Interleaved(halves);
        double[] idleDefault = new double[5], idleLean = new double[5];
        for (int i = 0; i < 5; i++)
        {
            idleDefault[i] = RatioMeasurements.IdleTaskBytes(20_000, lean: false);
            idleLean[i] = RatioMeasurements.IdleTaskBytes(20_000, lean: true);
        }

        Array.Sort(idleDefault);
        Array.Sort(idleLean);
        Console.WriteLine($"| retained bytes per idle task (20,000 tasks; ratios' idleTaskBytes, median of 5): default / lean | | {idleDefault[2].ToString("0", s_inv)} / {idleLean[2].ToString("0", s_inv)} |");
        Row("ping-pong step: bare pump, TCS", halves, () => Workloads.BarePumpPingPong(halves));
        Row("ping-pong step: MinimalLoop (BaseEventLoop only), LoopFuture", halves, () => Workloads.LoopFuturePingPong(new MinimalLoop(), halves));
        Row("ping-pong step: SimulatedEventLoop lean, LoopFuture", halves, () => Workloads.LoopFuturePingPong(Workloads.LeanLoop(), halves));
        Row("ping-pong step: SimulatedEventLoop default, LoopFuture", halves, () => Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), halves));
        Row("ping-pong step: MinimalLoop, TCS", halves, () => Workloads.TcsPingPong(new MinimalLoop(), halves));
        Row("echo iteration (4,147 steps), explored, 1 worker, lean, per step", 20 * 4_147, () => RatioMeasurements.EchoIterationsPerSecond(20, 1, lean: true), allThreads: true);
        Row("echo iteration (4,147 steps), explored, 1 worker, default options, per step", 20 * 4_147, () => RatioMeasurements.EchoIterationsPerSecond(20, 1, lean: false), allThreads: true);

        // Pieces of the step, in isolation.
        var scheduler = new InlineScheduler();
        Action<object?> noop = static _ => { };
        Row("`new Task(cb, state).RunSynchronously(scheduler)` (LoopTaskScheduler.RunStep's wrapper)", micro, () =>
        {
            for (int i = 0; i < micro; i++)
            {
                new Task(noop, null).RunSynchronously(scheduler);
            }
        });

        ExecutionContext plain = ExecutionContext.Capture()!;
        ExecutionContext withLocal = ContextWith(new AsyncLocal<object?>());
        ExecutionContext withNotifyingLocal = ContextWith(new AsyncLocal<object?>(static _ => { }));
        ContextCallback cc = static _ => { };
        Row("`ExecutionContext.Run` on the default context", micro, () => RunIn(plain, cc, micro));
        Row("`ExecutionContext.Run` on a context with one AsyncLocal", micro, () => RunIn(withLocal, cc, micro));
        Row("`ExecutionContext.Run` on a context with an AsyncLocal that has a change handler (the escape marker)", micro, () => RunIn(withNotifyingLocal, cc, micro));

        object gate = new();
        Row("uncontended `lock` enter+exit", micro, () =>
        {
            for (int i = 0; i < micro; i++)
            {
                lock (gate)
                {
                }
            }
        });

        long counter = 0;
        Row("`Interlocked.Increment` (NextHandleSequence)", micro, () =>
        {
            for (int i = 0; i < micro; i++)
            {
                Interlocked.Increment(ref counter);
            }
        });

        SynchronizationContext ctx = new();
        Row("`SynchronizationContext.SetSynchronizationContext` x2 (set + restore)", micro, () =>
        {
            SynchronizationContext? previous = SynchronizationContext.Current;
            for (int i = 0; i < micro; i++)
            {
                SynchronizationContext.SetSynchronizationContext(ctx);
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        });

        Row("`ScheduleTrace.Add` (an Enter and its Leave: one task step's entries, default options)", micro, () =>
        {
            var trace = new Scheduling.ScheduleTrace(recordEntries: true);
            for (int i = 0; i < micro; i++)
            {
                trace.Add(new Scheduling.TraceEntry(Scheduling.TraceEntryKind.Enter, 0, 1, 0, null));
                trace.Add(new Scheduling.TraceEntry(Scheduling.TraceEntryKind.Leave, 0, 1, 0, null));
            }
        });

        Row("the trace store's step: `AddEnter` + `AddLeave` (one 16-byte slot)", micro, () =>
        {
            var store = new Scheduling.TraceEntryStore();
            for (int i = 0; i < micro; i++)
            {
                store.AddEnter(0, 1, 0);
                store.AddLeave(0, 1);
            }
        });

        var loop = Workloads.LeanLoop();
        Action<object?> cb = static _ => { };
        Row("`Handle.Description` (what a fired timer's trace entry formats, default options)", micro / 10, () =>
        {
            var h = loop.CallLater(TimeSpan.FromHours(1), cb, null);
            for (int i = 0; i < micro / 10; i++)
            {
                GC.KeepAlive(h.Description);
            }
        });
        return 0;
    }

    /// <summary>Runs one workload over and over for <paramref name="seconds"/> (a target for dotnet-trace).</summary>
    public static int Spin(string workload, int seconds)
    {
        Action body = Workload(workload);
        long start = Stopwatch.GetTimestamp();
        int runs = 0;
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds)
        {
            body();
            runs++;
        }

        Console.WriteLine($"{workload}: {runs} runs in {seconds} s");
        return 0;
    }

    /// <summary>A named workload (of <c>spin</c> and <c>allocs</c>).</summary>
    public static Action Workload(string workload)
    {
        long[] due = Workloads.DueTimes(100_000);
        return workload switch
        {
            "lean-future" => () => Workloads.LoopFuturePingPong(Workloads.LeanLoop(), 100_000),
            "default-future" => () => Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), 100_000),
            "minimal-future" => () => Workloads.LoopFuturePingPong(new MinimalLoop(), 100_000),
            "minimal-tcs" => () => Workloads.TcsPingPong(new MinimalLoop(), 100_000),
            "timers-lean" => () => Workloads.TimeProviderTimers(Workloads.LeanLoop(), due),
            "timers-default" => () => Workloads.TimeProviderTimers(Workloads.DefaultLoop(), due),
            "echo-lean" => () => RatioMeasurements.EchoIterationsPerSecond(20, 1, lean: true),
            "echo-default" => () => RatioMeasurements.EchoIterationsPerSecond(20, 1, lean: false),
            _ => throw new ArgumentException($"Unknown workload {workload}.", nameof(workload)),
        };
    }

    private static ExecutionContext ContextWith(AsyncLocal<object?> local)
    {
        ExecutionContext? result = null;
        ExecutionContext.Run(ExecutionContext.Capture()!, _ =>
        {
            local.Value = new object();
            result = ExecutionContext.Capture();
        }, null);
        return result!;
    }

    private static void RunIn(ExecutionContext context, ContextCallback cc, int n)
    {
        for (int i = 0; i < n; i++)
        {
            ExecutionContext.Run(context, cc, null);
        }
    }

    // Lean, default and the two halves of the difference in turn, many times: the best of each resists a loaded machine.
    private static void Interleaved(int halves)
    {
        const int rounds = 15;
        (string Name, Func<SimulatedEventLoop> Loop)[] variants =
        [
            ("lean", () => Workloads.LeanLoop()),
            ("default", () => Workloads.DefaultLoop()),
            ("trace only (no watchdog)", () => new SimulatedEventLoop(new SimulationOptions { Seed = 1, BlockingStepTimeout = null, MaxSteps = null })),
            ("watchdog only (decisions-only trace)", () => new SimulatedEventLoop(new SimulationOptions { Seed = 1, RecordTrace = false, MaxSteps = null })),
        ];
        double[] best = [double.MaxValue, double.MaxValue, double.MaxValue, double.MaxValue];
        for (int r = 0; r < rounds + 2; r++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                SimulatedEventLoop loop = variants[v].Loop();
                long t0 = ThreadCpu.NowNs();
                Workloads.LoopFuturePingPong(loop, halves);
                long t1 = ThreadCpu.NowNs();
                best[v] = r >= 2 ? Math.Min(best[v], (t1 - t0) / (double)halves) : best[v];
            }
        }

        for (int v = 0; v < variants.Length; v++)
        {
            string delta = v == 0 ? "" : $" (lean + {(best[v] - best[0]).ToString("0.0", s_inv)})";
            Console.WriteLine($"| ping-pong step, SimulatedEventLoop {variants[v].Name}, the variants in turn ({rounds} rounds, best of each){delta} | {best[v].ToString("0.0", s_inv)} | |");
        }
    }

    private static void Row(string what, int ops, Action body, bool allThreads = false)
    {
        body(); // warm-up (JIT, tiering)
        body();
        double best = double.MaxValue;
        long bytes = 0;
        for (int r = 0; r < 5; r++)
        {
            GC.Collect();
            long a0 = allThreads ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();
            long t0 = allThreads ? Stopwatch.GetTimestamp() : ThreadCpu.NowNs();
            body();
            double ns = (allThreads ? Stopwatch.GetElapsedTime(t0).TotalNanoseconds : ThreadCpu.NowNs() - t0) / ops;
            long a1 = allThreads ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();
            if (ns < best)
            {
                best = ns;
                bytes = (a1 - a0) / ops;
            }
        }

        Console.WriteLine($"| {what} | {best.ToString("0.0", s_inv)} | {bytes} |");
    }

    private sealed class InlineScheduler : TaskScheduler
    {
        protected override IEnumerable<Task>? GetScheduledTasks() => null;

        protected override void QueueTask(Task task) => TryExecuteTask(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => TryExecuteTask(task);
    }
}
