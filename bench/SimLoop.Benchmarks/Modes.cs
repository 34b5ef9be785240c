using System.Diagnostics;
using System.Globalization;

namespace SimLoop.Benchmarks;

/// <summary>The program's own modes: checks and measurements BenchmarkDotNet does not make.</summary>
public static class Modes
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Runs every workload once and checks its result, and the cancelled-timer heap bound.</summary>
    public static int Check()
    {
        int failures = 0;
        void Expect(string what, bool ok, string detail)
        {
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {detail}");
            if (!ok)
            {
                failures++;
            }
        }

        const int halves = 10_000;
        Expect("bare pump ping-pong", Workloads.BarePumpPingPong(halves) == halves, $"{halves} wake-ups");
        Expect("LoopFuture ping-pong (default)", Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), halves) == halves, $"{halves} wake-ups");
        Expect("LoopFuture ping-pong (lean)", Workloads.LoopFuturePingPong(Workloads.LeanLoop(), halves) == halves, $"{halves} wake-ups");
        Expect("TCS ping-pong (default)", Workloads.TcsPingPong(Workloads.DefaultLoop(), halves) == halves, $"{halves} wake-ups");
        Expect("TCS ping-pong (lean)", Workloads.TcsPingPong(Workloads.LeanLoop(), halves) == halves, $"{halves} wake-ups");

        long[] due = Workloads.DueTimes(100_000);
        Expect("bare PriorityQueue timers", Workloads.BarePriorityQueueTimers(due) == due.Length, $"{due.Length} fired");
        Expect("TimeProvider timers", Workloads.TimeProviderTimers(Workloads.DefaultLoop(), due) == due.Length, $"{due.Length} fired");
        Expect("CallLater timers", Workloads.CallLaterTimers(Workloads.DefaultLoop(), due) == due.Length, $"{due.Length} fired");

        // Timers fire in due order at their own due time.
        {
            SimulatedEventLoop loop = Workloads.LeanLoop();
            long last = -1;
            bool ordered = true;
            foreach (long d in due.AsSpan(0, 10_000))
            {
                long expected = d;
                loop.CallLater(TimeSpan.FromTicks(d), _ =>
                {
                    ordered &= loop.NowTicks == expected && loop.NowTicks >= last;
                    last = loop.NowTicks;
                }, null);
            }

            loop.RunFor(Workloads.PastAllDueTimes);
            Expect("timers fire in order at their due time", ordered, "10,000 CallLater timers");
        }

        int[] order = Workloads.Permutation(due.Length);
        Expect("bare PriorityQueue cancelled", Workloads.BarePriorityQueueCancelled(due, order) == 0, "none fired");
        ReportCancel("CallLater + Cancel(), 100,000 cancelled in random order", Workloads.CallLaterCancelled(Workloads.DefaultLoop(), due, order, check: true));
        ReportCancel("TimeProvider timer Dispose(), 100,000 in random order", Workloads.TimeProviderDisposed(Workloads.DefaultLoop(), due, order, check: true));
        ReportCancel("CallLater churn: 10,000 live, 200,000 cancel+create", Workloads.CallLaterChurn(Workloads.LeanLoop(), 10_000, 200_000));

        void ReportCancel(string what, Workloads.CancelResult r) =>
            Expect(what, r.Fired == 0 && r.Violations == 0,
                $"fired={r.Fired}, max TimerCount={r.MaxHeap}, max TimerCount/live (heaps over 100)={r.MaxHeapOverLive.ToString("0.000", s_inv)}, cancels leaving TimerCount > 2x live={r.Violations}");

        // The ratios and scale workloads, small: each throws when its result is wrong.
        void Runs(string what, Action run)
        {
            try
            {
                run();
                Expect(what, true, "result checked");
            }
            catch (InvalidOperationException ex)
            {
                Expect(what, false, ex.Message);
            }
        }

        long[] due1k = Workloads.DueTimes(1_000);
        Runs("FakeTimeProvider timers, 1,000, 100 advances", () => RatioMeasurements.FakeTimeProviderNsPerTimer(due1k, 100));
        Runs("loop.TimeProvider timers, 1,000, 100 RunFor calls", () => RatioMeasurements.SimLoopNsPerTimer(due1k, 100));
        Runs("echo workload explored, 2 iterations, 1 and 2 workers", () =>
        {
            RatioMeasurements.EchoIterationsPerSecond(2, 1, lean: false);
            RatioMeasurements.EchoIterationsPerSecond(2, 2, lean: true);
        });
        Runs("lost-wakeup deadlock explored, 20 iterations (a deadlock found)", () => RatioMeasurements.DeadlockIterationMs(20));
        Runs("check-then-act: the fixed version passes 20 iterations", () =>
            RatioMeasurements.Expect(Simulation.Explore((l, ct) => CoyoteComparison.CheckThenAct(l, fixedVersion: true, ct), RatioMeasurements.Quiet(20, new SimulationOptions(), 1)).Passed, "the fixed version failed"));
        Runs("check-then-act: the buggy version is found", () =>
        {
            var options = RatioMeasurements.Quiet(200, new SimulationOptions(), 1);
            options.ThrowOnFailure = false;
            RatioMeasurements.Expect(!Simulation.Explore((l, ct) => CoyoteComparison.CheckThenAct(l, fixedVersion: false, ct), options).Passed, "the overdraft was not found in 200 iterations");
        });
        Runs("idle tasks parked", () => RatioMeasurements.Expect(RatioMeasurements.IdleTaskBytes(1_000, lean: true) > 0, "no memory retained by 1,000 idle tasks"));
        Runs("scale: 100 hosts, 1,000 tasks, 100 connections, 1 h of timers", () =>
        {
            ScaleWorkloads.Hosts(100);
            ScaleWorkloads.Tasks(1_000);
            ScaleWorkloads.Connections(100);
            ScaleWorkloads.VirtualTime(TimeSpan.FromHours(1), "1 h");
        });

        Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} checks failed");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Retained (and allocated) bytes per idle task, pending timer and pending future.</summary>
    public static int Memory(int n)
    {
        Console.WriteLine($"Retained bytes per item: GC.GetTotalMemory(true) after minus before, divided by {n.ToString("N0", s_inv)}; allocated: GC.GetAllocatedBytesForCurrentThread() delta / n. Holder arrays are allocated before the first reading.");
        Console.WriteLine();
        Console.WriteLine("| What (100,000 of each) | Retained B/item | Allocated B/item |");
        Console.WriteLine("|---|---:|---:|");

        Measure("pending `LoopFuture<int>` (no awaiter)", n, (loop, holder) =>
        {
            for (int i = 0; i < n; i++)
            {
                holder[i] = loop.CreateFuture<int>();
            }
        }, lean: true);

        foreach (bool lean in new[] { false, true })
        {
            string opts = lean ? "lean options" : "default options";
            // Capped: on SimulatedEventLoop every scheduling decision keeps an array of all ready task ids, so n tasks
            // made ready at once retain ~4*n bytes each (quadratic); 100,000 runs out of memory (see bench/README.md).
            int tn = Math.Min(n, 8_000);
            Measure($"idle task awaiting its own never-completed `LoopFuture<int>` (task + future + closure; {opts}; {tn:N0} tasks)", tn, (loop, holder) =>
            {
                for (int i = 0; i < tn; i++)
                {
                    LoopFuture<int> never = loop.CreateFuture<int>();
                    holder[i] = loop.CreateTask(async _ => await never);
                }

                loop.RunFor(TimeSpan.Zero); // run every first step: each task is now parked on its future
            }, lean);
        }

        {
            // The same idle tasks on MinimalLoop (BaseEventLoop only: no escape marker in the task's ExecutionContext).
            var minimal = new MinimalLoop();
            var holder = new object?[n];
            long before = GC.GetTotalMemory(true);
            for (int i = 0; i < n; i++)
            {
                LoopFuture<int> never = minimal.CreateFuture<int>();
                holder[i] = minimal.CreateTask(async _ => await never);
            }

            LoopFuture<int> done = minimal.CreateFuture<int>();
            minimal.CallSoon(static f => ((LoopFuture<int>)f!).SetResult(0), done);
            minimal.RunUntilComplete(done);
            long after = GC.GetTotalMemory(true);
            GC.KeepAlive(holder);
            Console.WriteLine($"| idle task as above on `MinimalLoop` (BaseEventLoop only; {n:N0} tasks) | {((after - before) / (double)n).ToString("0", s_inv)} | |");
        }

        Measure("pending timer, `loop.TimeProvider.CreateTimer` (1 h)", n, (loop, holder) =>
        {
            for (int i = 0; i < n; i++)
            {
                holder[i] = loop.TimeProvider.CreateTimer(static _ => { }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
            }
        }, lean: true, dropHolder: true);

        Measure("pending timer, `loop.CallLater` (1 h)", n, (loop, holder) =>
        {
            for (int i = 0; i < n; i++)
            {
                holder[i] = loop.CallLater(TimeSpan.FromHours(1), static _ => { }, null);
            }
        }, lean: true, dropHolder: true);

        Measure("pending `Task.Delay(1 h, loop.TimeProvider)`", n, (loop, holder) =>
        {
            for (int i = 0; i < n; i++)
            {
                holder[i] = Task.Delay(TimeSpan.FromHours(1), loop.TimeProvider);
            }
        }, lean: true);

        // TODO(network): "per open simulated connection" — when src/VirtualNetwork lands, open n connections between
        // two simulated hosts here (both ends idle, nothing buffered) and add a row.
        Console.WriteLine("| open simulated connection | TODO: VirtualNetwork not in this branch yet | |");
        return 0;
    }

    private static void Measure(string what, int n, Action<SimulatedEventLoop, object?[]> build, bool lean, bool dropHolder = false)
    {
        SimulatedEventLoop loop = lean ? Workloads.LeanLoop() : Workloads.DefaultLoop();
        var holder = new object?[n];
        loop.RunFor(TimeSpan.Zero); // first-run costs (watchdog thread, lazily created structures) outside the reading
        long before = GC.GetTotalMemory(true);
        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        build(loop, holder);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        if (dropHolder)
        {
            // Timers are kept alive by the loop's heap alone; measure that, not the caller's references.
            Array.Clear(holder);
        }

        long after = GC.GetTotalMemory(true);
        GC.KeepAlive(holder);
        GC.KeepAlive(loop);
        Console.WriteLine($"| {what} | {((after - before) / (double)n).ToString("0", s_inv)} | {(allocated / (double)n).ToString("0", s_inv)} |");
    }

    /// <summary>
    /// Virtual-time compression: <paramref name="tasks"/> tasks each await <c>Task.Delay(1 s, tp)</c> in a loop for one
    /// simulated hour (starts staggered by 1 ms each, so the clock jumps to a new instant for every firing).
    /// </summary>
    public static int Compression(int tasks)
    {
        Console.WriteLine($"{tasks} tasks x Task.Delay(1 s, loop.TimeProvider) until 1 h of simulated time (starts staggered by 1 ms).");
        Console.WriteLine();
        Console.WriteLine("| Options | Delays | Steps | Wall s | Simulated s | Simulated s per wall s | Delays per wall s | Heap after (MB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (bool lean in new[] { true, false })
        {
            SimulatedEventLoop loop = lean ? Workloads.LeanLoop() : Workloads.DefaultLoop();
            TimeProvider tp = loop.TimeProvider;
            long delays = 0;
            TimeSpan hour = TimeSpan.FromHours(1);
            GC.Collect();
            var wall = Stopwatch.StartNew();
            loop.RunUntilComplete(async ct =>
            {
                var all = new LoopTask[tasks];
                for (int i = 0; i < tasks; i++)
                {
                    TimeSpan offset = TimeSpan.FromMilliseconds(i);
                    all[i] = loop.CreateTask(async ct2 =>
                    {
                        await Task.Delay(offset, tp, ct2);
                        while (loop.Clock.Elapsed < hour)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(1), tp, ct2);
                            delays++;
                        }
                    });
                }

                foreach (LoopTask t in all)
                {
                    await t;
                }
            });
            wall.Stop();
            double simulated = loop.Time;
            double seconds = wall.Elapsed.TotalSeconds;
            long heap = GC.GetTotalMemory(true);
            Console.WriteLine($"| {(lean ? "lean" : "default")} | {delays.ToString("N0", s_inv)} | {loop.StepCount.ToString("N0", s_inv)} | {seconds.ToString("0.00", s_inv)} | {simulated.ToString("0", s_inv)} | {(simulated / seconds).ToString("N0", s_inv)} | {(delays / seconds).ToString("N0", s_inv)} | {(heap / 1e6).ToString("0", s_inv)} |");
            GC.KeepAlive(loop);
        }

        return 0;
    }
}
