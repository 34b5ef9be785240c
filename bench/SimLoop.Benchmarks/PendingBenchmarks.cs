namespace SimLoop.Benchmarks;

// TODO(network, issue 6): benchmarks of the simulated network, to add when src/VirtualNetwork lands in this branch:
//   - NetworkBenchmarks: messages per second through a simulated stream connection (1 KB writes, echo), versus a
//     bare in-memory System.IO.Pipelines Pipe pair on the BarePump as the baseline ([Benchmark(Baseline = true)]).
//   - Memory: bytes per open idle simulated connection (both ends), 100,000 connections — a row in Modes.Memory.
// TODO(exploration, issue 6): runs per second of Simulation.Explore on a small bundled scenario (e.g. lost-update)
//   with the random and PCT strategies, versus running the same scenario body once per seed in a plain loop
//   without exploration bookkeeping as the baseline.
// Both are left out until those APIs exist; see bench/README.md.
internal static class PendingBenchmarks
{
}
