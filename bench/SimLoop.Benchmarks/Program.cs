using BenchmarkDotNet.Running;
using SimLoop.Benchmarks;

// Modes (see bench/README.md):
//   check        correctness of every workload, and the cancelled-timer heap bound (fast; no timing)
//   memory       retained bytes per idle task / pending timer / pending future (GC deltas, 100,000 of each)
//   breakdown    where a scheduling step's time goes (whole workloads and isolated pieces of the hot path)
//   spin W S     run workload W (lean-future, default-future, minimal-future, minimal-tcs, timers-lean, timers-default) for S seconds, for a profiler
//   compression  virtual-time compression of a timer-heavy workload (simulated seconds per wall second)
//   anything else is passed to BenchmarkDotNet, e.g. --filter '*' or --filter '*PingPong*'
string mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "check":
        return Modes.Check();
    case "memory":
        return Modes.Memory(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    case "breakdown":
        return Breakdown.Run();
    case "spin":
        return Breakdown.Spin(args.Length > 1 ? args[1] : "lean-future", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    case "compression":
        return Modes.Compression(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Modes).Assembly).Run(args);
        return 0;
}
