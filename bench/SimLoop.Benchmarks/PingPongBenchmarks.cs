using BenchmarkDotNet.Attributes;

namespace SimLoop.Benchmarks;

/// <summary>
/// Scheduling step: two tasks ping-pong <see cref="Halves"/> hand-overs. Every number is per hand-over (one
/// completion, one wake-up of the other task as a new scheduling step), via OperationsPerInvoke. The baseline is
/// the same TaskCompletionSource ping-pong on <see cref="BarePump"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class PingPongBenchmarks
{
    /// <summary>Hand-overs per invocation (each invocation also creates one loop, amortised over these).</summary>
    public const int Halves = 100_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Halves, Description = "Bare pump, TCS")]
    public int BarePump_Tcs() => Check(Workloads.BarePumpPingPong(Halves));

    [Benchmark(OperationsPerInvoke = Halves, Description = "SimLoop LoopFuture (default options)")]
    public int SimLoop_LoopFuture() => Check(Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), Halves));

    [Benchmark(OperationsPerInvoke = Halves, Description = "SimLoop LoopFuture (lean: no trace entries, no watchdog)")]
    public int SimLoop_LoopFuture_Lean() => Check(Workloads.LoopFuturePingPong(Workloads.LeanLoop(), Halves));

    [Benchmark(OperationsPerInvoke = Halves, Description = "SimLoop TCS (default options)")]
    public int SimLoop_Tcs() => Check(Workloads.TcsPingPong(Workloads.DefaultLoop(), Halves));

    [Benchmark(OperationsPerInvoke = Halves, Description = "SimLoop TCS (lean)")]
    public int SimLoop_Tcs_Lean() => Check(Workloads.TcsPingPong(Workloads.LeanLoop(), Halves));

    private static int Check(int wakeups) =>
        wakeups == Halves ? wakeups : throw new InvalidOperationException($"Expected {Halves} wake-ups, saw {wakeups}.");
}
