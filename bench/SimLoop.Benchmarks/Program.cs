using BenchmarkDotNet.Running;
using SimLoop.Benchmarks;

// Modes (see bench/README.md):
//   check        correctness of every workload, and the cancelled-timer heap bound (fast; no timing)
//   memory       retained bytes per idle task / pending timer / pending future (GC deltas, 100,000 of each)
//   timers [--rounds R] [--timers N]  loop-thread CPU ns and bytes per timer of the timer workloads (default options)
//   breakdown    where a scheduling step's time goes (whole workloads and isolated pieces of the hot path)
//   spin W S     run workload W (lean-future, default-future, minimal-future, minimal-tcs, timers-lean, timers-default) for S seconds, for a profiler
//   allocs W     which types workload W (a spin workload, also echo-lean, echo-default) allocates (GC allocation-tick samples)
//   network [n]  messages/s and bytes/s over one simulated connection, connections/s, bytes per open connection
//   explore [n]  exploration iterations per second of an echo workload, DegreeOfParallelism 1 and 2
//   parallel [n] [r]  why 2 workers are not 2x: wall, process CPU, GC pauses and allocation per iteration, 1 and 2 workers
//   compression  virtual-time compression of a timer-heavy workload (simulated seconds per wall second)
//   adoption [r] thread-pool adoption: wall ms per deadlocking iteration, ns per step of escape-free workloads (median of r)
//   ratios [--json] [--rounds R] [--fake-rounds F] [--fake-timers N]  every headline pair side by side in one run (issue 14)
//   scale [--quick]   cost per step and memory as hosts, tasks, connections and virtual time grow; writes bench/scale.svg
//   anything else is passed to BenchmarkDotNet, e.g. --filter '*' or --filter '*PingPong*'
string mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "scale":
        return ScaleMode.Run(args);
    case "ratios":
        return RatiosMode.Run(args);
    case "check":
        return Modes.Check();
    case "memory":
        return Modes.Memory(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    case "timers":
        return TimerCostMode.Run(args);
    case "breakdown":
        return Breakdown.Run();
    case "spin":
        return Breakdown.Spin(args.Length > 1 ? args[1] : "lean-future", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    case "allocs":
        return AllocationSampler.Run(args.Length > 1 ? args[1] : "echo-default");
    case "network":
        return PendingBenchmarks.Network(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    case "explore":
        return PendingBenchmarks.Explore(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
    case "parallel":
        return ParallelMode.Run(args);
    case "compression":
        return Modes.Compression(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
    case "adoption":
        return AdoptionBench.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Modes).Assembly).Run(args);
        return 0;
}
