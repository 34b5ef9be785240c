using BenchmarkDotNet.Attributes;

namespace SimLoop.Benchmarks;

/// <summary>
/// Timers: create <see cref="Count"/> one-shot timers with seeded random due times in [1 ms, 1 h) and run the loop
/// until all have fired. Per timer (OperationsPerInvoke). Baseline: a bare PriorityQueue of callbacks.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class TimerBenchmarks
{
    /// <summary>Timers per invocation.</summary>
    public const int Count = 1_000_000;

    private long[] _due = [];

    [GlobalSetup]
    public void Setup() => _due = Workloads.DueTimes(Count);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "Bare PriorityQueue<Action,long>")]
    public int Bare_PriorityQueue() => Check(Workloads.BarePriorityQueueTimers(_due));

    [Benchmark(OperationsPerInvoke = Count, Description = "SimLoop TimeProvider.CreateTimer (default options)")]
    public int SimLoop_TimeProvider() => Check(Workloads.TimeProviderTimers(Workloads.DefaultLoop(), _due));

    [Benchmark(OperationsPerInvoke = Count, Description = "SimLoop TimeProvider.CreateTimer (lean)")]
    public int SimLoop_TimeProvider_Lean() => Check(Workloads.TimeProviderTimers(Workloads.LeanLoop(), _due));

    [Benchmark(OperationsPerInvoke = Count, Description = "SimLoop CallLater (default options)")]
    public int SimLoop_CallLater() => Check(Workloads.CallLaterTimers(Workloads.DefaultLoop(), _due));

    [Benchmark(OperationsPerInvoke = Count, Description = "SimLoop CallLater (lean)")]
    public int SimLoop_CallLater_Lean() => Check(Workloads.CallLaterTimers(Workloads.LeanLoop(), _due));

    private static int Check(int fired) =>
        fired == Count ? fired : throw new InvalidOperationException($"Expected {Count} timers to fire, saw {fired}.");
}

/// <summary>
/// Cancelled timers: create <see cref="Count"/> timers, cancel all in a seeded random order, run past every due
/// time (none may fire). Per timer. Baseline: a bare PriorityQueue with a cancelled flag (lazy deletion, no
/// clean-up). The heap bound (at most twice the live timers) is checked by the program's <c>check</c> mode, not here,
/// so that the check does not cost time in the measurement.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class CancelledTimerBenchmarks
{
    /// <summary>Timers per invocation.</summary>
    public const int Count = 100_000;

    private long[] _due = [];
    private int[] _order = [];

    [GlobalSetup]
    public void Setup()
    {
        _due = Workloads.DueTimes(Count);
        _order = Workloads.Permutation(Count);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "Bare PriorityQueue, cancelled flag")]
    public int Bare_PriorityQueue() => Check(Workloads.BarePriorityQueueCancelled(_due, _order));

    [Benchmark(OperationsPerInvoke = Count, Description = "SimLoop CallLater + handle.Cancel() (default options)")]
    public int SimLoop_CallLater_Cancel() => Check(Workloads.CallLaterCancelled(Workloads.DefaultLoop(), _due, _order, check: false).Fired);

    [Benchmark(OperationsPerInvoke = Count, Description = "SimLoop TimeProvider timer Dispose() (default options)")]
    public int SimLoop_TimeProvider_Dispose() => Check(Workloads.TimeProviderDisposed(Workloads.DefaultLoop(), _due, _order, check: false).Fired);

    private static int Check(int fired) =>
        fired == 0 ? fired : throw new InvalidOperationException($"{fired} cancelled timers fired.");
}
