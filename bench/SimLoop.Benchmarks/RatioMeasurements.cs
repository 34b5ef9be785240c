using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using SimLoop.Exploration;

namespace SimLoop.Benchmarks;

/// <summary>
/// The single measurements behind the <c>ratios</c> mode. Each returns one reading (wall time unless said); the mode
/// repeats them, interleaved, and reports the median with the spread.
/// </summary>
internal static class RatioMeasurements
{
    /// <summary>Wall nanoseconds per hand-over of a ping-pong (<paramref name="run"/> returns the wake-ups).</summary>
    public static double NsPerHalf(Func<int, int> run, int halves)
    {
        GC.Collect();
        long start = Stopwatch.GetTimestamp();
        int wakeups = run(halves);
        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        Expect(wakeups == halves, $"ping-pong woke {wakeups} times, expected {halves}");
        return ns / halves;
    }

    /// <summary>
    /// The steadiest reading of a ping-pong: one untimed warm-up run (JIT tiering, first-run costs), then timed runs
    /// until at least <paramref name="minMs"/> of wall time and three runs; the fastest run's ns per hand-over. On a CPU-bound
    /// single-thread workload the minimum is the reading least disturbed by other load (other load only adds time).
    /// </summary>
    public static double BestNsPerHalf(Func<int, int> run, int halves, double minMs = 250)
    {
        run(halves);
        double best = double.MaxValue;
        long start = Stopwatch.GetTimestamp();
        for (int n = 0; n < 3 || Stopwatch.GetElapsedTime(start).TotalMilliseconds < minMs; n++)
        {
            best = Math.Min(best, NsPerHalf(run, halves));
        }

        return best;
    }

    /// <summary>
    /// Nanoseconds per timer of <paramref name="dueTicks"/> one-shot <see cref="FakeTimeProvider"/> timers, driven as
    /// its users do: <paramref name="advances"/> equal <c>Advance</c> calls past the last due time.
    /// </summary>
    public static double FakeTimeProviderNsPerTimer(long[] dueTicks, int advances)
    {
        GC.Collect();
        var counter = new Workloads.Counter();
        long start = Stopwatch.GetTimestamp();
        var fake = new FakeTimeProvider();
        var timers = new ITimer[dueTicks.Length];
        for (int i = 0; i < dueTicks.Length; i++)
        {
            timers[i] = fake.CreateTimer(static s => ((Workloads.Counter)s!).Value++, counter, TimeSpan.FromTicks(dueTicks[i]), Timeout.InfiniteTimeSpan);
        }

        TimeSpan step = Workloads.PastAllDueTimes / advances;
        for (int i = 0; i < advances; i++)
        {
            fake.Advance(step);
        }

        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        Expect(counter.Value == dueTicks.Length, $"FakeTimeProvider fired {counter.Value} of {dueTicks.Length} timers");
        GC.KeepAlive(timers);
        return ns / dueTicks.Length;
    }

    /// <summary>The same timers on <c>loop.TimeProvider</c> (default options), driven by the same number of <c>RunFor</c> calls.</summary>
    public static double SimLoopNsPerTimer(long[] dueTicks, int advances)
    {
        GC.Collect();
        var counter = new Workloads.Counter();
        long start = Stopwatch.GetTimestamp();
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

        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        Expect(counter.Value == dueTicks.Length, $"SimLoop fired {counter.Value} of {dueTicks.Length} timers");
        return ns / dueTicks.Length;
    }

    /// <summary>Timers created and fired per second: <c>loop.TimeProvider.CreateTimer</c>, default options, run to the end.</summary>
    public static double TimersPerSecond(long[] dueTicks)
    {
        GC.Collect();
        long start = Stopwatch.GetTimestamp();
        int fired = Workloads.TimeProviderTimers(Workloads.DefaultLoop(), dueTicks);
        double s = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Expect(fired == dueTicks.Length, $"fired {fired} of {dueTicks.Length} timers");
        return fired / s;
    }

    /// <summary>Explored iterations per second of the 10-client echo workload (random strategy, no shrinking).</summary>
    public static (double PerSecond, double StepsPerIteration) EchoIterationsPerSecond(int iterations, int workers, bool lean)
    {
        GC.Collect();
        var simulation = lean
            ? new SimulationOptions { RecordTrace = false, BlockingStepTimeout = null }
            : new SimulationOptions();
        ExplorationResult result = Simulation.Explore(PendingBenchmarks.EchoWorkload, Quiet(iterations, simulation, workers));
        Expect(result.Passed && result.IterationsRun == iterations, $"echo exploration: passed={result.Passed}, iterations={result.IterationsRun}");
        return (result.IterationsRun / result.WallClockTime.TotalSeconds, result.Steps / (double)result.IterationsRun);
    }

    /// <summary>Wall milliseconds per explored iteration of the lost-wakeup deadlock (default options, every iteration run).</summary>
    public static (double Ms, int Deadlocked) DeadlockIterationMs(int iterations)
    {
        GC.Collect();
        ExplorationOptions options = Quiet(iterations, new SimulationOptions(), workers: 1);
        options.StopOnFirstFailure = false;
        options.ThrowOnFailure = false;
        long start = Stopwatch.GetTimestamp();
        ExplorationResult result = Simulation.Explore(AdoptionBench.LostWakeupAsync, options);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        int deadlocked = result.Failures.Count(f => f.Exception is DeadlockException);
        Expect(deadlocked > 0, "the lost-wakeup exploration found no deadlock");
        return (ms / result.IterationsRun, deadlocked);
    }

    /// <summary>Retained bytes per idle task (a task parked on its own never-completed future), GC heap delta.</summary>
    public static double IdleTaskBytes(int tasks, bool lean)
    {
        SimulatedEventLoop loop = lean ? Workloads.LeanLoop() : Workloads.DefaultLoop();
        var holder = new object?[tasks];
        loop.RunFor(TimeSpan.Zero); // first-run costs outside the reading
        long before = GC.GetTotalMemory(true);
        for (int i = 0; i < tasks; i++)
        {
            LoopFuture<int> never = loop.CreateFuture<int>();
            holder[i] = loop.CreateTask(async _ => await never);
        }

        loop.RunFor(TimeSpan.Zero); // every first step runs: each task is now parked on its future
        long after = GC.GetTotalMemory(true);
        GC.KeepAlive(holder);
        GC.KeepAlive(loop);
        return (after - before) / (double)tasks;
    }

    /// <summary>Exploration options that write nothing, read no environment and do not shrink.</summary>
    public static ExplorationOptions Quiet(int iterations, SimulationOptions simulation, int workers) => new()
    {
        Iterations = iterations,
        Strategy = ExplorationStrategy.Random,
        DegreeOfParallelism = workers,
        HonourEnvironment = false,
        FailureFolder = null,
        Shrink = false,
        Simulation = simulation,
    };

    public static void Expect(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("benchmark workload failed: " + what);
        }
    }
}
