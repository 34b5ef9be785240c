using System.Diagnostics;
using SimLoop.Hosts;

namespace SimLoop.Benchmarks;

/// <summary>
/// The four growing workloads of the <c>scale</c> mode. Each builds its population, measures the retained heap per
/// unit once everything is parked, then runs a fixed amount of work per unit and measures wall time per step.
/// Lean options (no per-step trace), so that memory is the machinery's and not the trace's.
/// </summary>
internal static class ScaleWorkloads
{
    private const int Port = 7;

    /// <summary>One point: wall ns per loop step, retained bytes per unit, and the work done.</summary>
    public readonly record struct Point(string Dimension, long Size, string SizeLabel, double NsPerStep, double BytesPerUnit, long Steps, double WallSeconds);

    /// <summary><paramref name="hosts"/> hosts, each running a task of 10 delays of 1–7 ms.</summary>
    public static Point Hosts(int hosts)
    {
        SimulatedEventLoop loop = Workloads.LeanLoop();
        TimeProvider tp = loop.TimeProvider;
        long before = Settled(loop);
        for (int i = 0; i < hosts; i++)
        {
            int offset = i % 7;
            loop.AddHost($"h{i}", async (host, ct) =>
            {
                for (int k = 0; k < 10; k++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1 + ((offset + k) % 7)), tp, ct);
                }
            });
        }

        loop.RunFor(TimeSpan.Zero); // every host's first step: parked on its first delay
        double bytes = (GC.GetTotalMemory(true) - before) / (double)hosts;
        return Timed(loop, "hosts", hosts, hosts.ToString("N0", s_inv), bytes, () => loop.RunFor(TimeSpan.FromSeconds(1)));
    }

    /// <summary><paramref name="tasks"/> tasks parked on one gate future, then released: each yields twice and ends.</summary>
    public static Point Tasks(int tasks)
    {
        SimulatedEventLoop loop = Workloads.LeanLoop();
        long before = Settled(loop);
        LoopFuture<int> gate = loop.CreateFuture<int>();
        var all = new LoopTask[tasks];
        for (int i = 0; i < tasks; i++)
        {
            all[i] = loop.CreateTask(async _ =>
            {
                await gate;
                await Task.Yield();
                await Task.Yield();
            });
        }

        loop.RunFor(TimeSpan.Zero);
        double bytes = (GC.GetTotalMemory(true) - before) / (double)tasks;
        Point point = Timed(loop, "tasks", tasks, tasks.ToString("N0", s_inv), bytes, () =>
        {
            gate.SetResult(0);
            loop.RunFor(TimeSpan.Zero);
        });
        RatioMeasurements.Expect(all.All(t => t.IsDone && !t.IsCancelled), "not every task finished");
        return point;
    }

    /// <summary>
    /// <paramref name="connections"/> open connections (1,000 per client host) to one echo server, idle; then one
    /// 64-byte echo over every connection.
    /// </summary>
    public static Point Connections(int connections)
    {
        SimulatedEventLoop loop = Workloads.LeanLoop();
        loop.AddHost("server", async (host, ct) => await host.StartServerAsync(async (stream, c) =>
        {
            var buffer = new byte[64];
            int n;
            while ((n = await stream.ReadAsync(buffer, c)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, n), c);
            }
        }, Port));
        loop.RunFor(TimeSpan.FromMilliseconds(1));
        long before = Settled(loop);
        LoopFuture<int> gate = loop.CreateFuture<int>();
        int perHost = Math.Min(connections, 1_000);
        int opened = 0, echoed = 0;
        var clients = new List<LoopTask>();
        for (int h = 0; h * perHost < connections; h++)
        {
            SimulatedHost host = loop.AddHost($"c{h}");
            int count = Math.Min(perHost, connections - (h * perHost));
            clients.Add(host.Spawn(async ct =>
            {
                var streams = new Stream[count];
                for (int i = 0; i < count; i++)
                {
                    streams[i] = await host.OpenConnectionAsync("server", Port, ct);
                    opened++;
                }

                await gate;
                var message = new byte[64];
                var reply = new byte[64];
                foreach (Stream stream in streams)
                {
                    await stream.WriteAsync(message, ct);
                    await stream.ReadExactlyAsync(reply, ct);
                    echoed++;
                }
            }));
        }

        loop.RunFor(TimeSpan.FromHours(1)); // every connection open and accepted; both ends idle
        RatioMeasurements.Expect(opened == connections, $"opened {opened} of {connections} connections");
        double bytes = (GC.GetTotalMemory(true) - before) / (double)connections;
        Point point = Timed(loop, "connections", connections, connections.ToString("N0", s_inv), bytes, () =>
        {
            gate.SetResult(0);
            loop.RunFor(TimeSpan.FromHours(2));
        });
        RatioMeasurements.Expect(echoed == connections, $"echoed over {echoed} of {connections} connections");
        GC.KeepAlive(clients);
        return point;
    }

    /// <summary>
    /// A timer-heavy workload over <paramref name="span"/> of virtual time: 100 tasks, each 1,000 delays of about
    /// span/1,000 (seeded jitter ±50%), so the work is the same at every span and only the clock's reach grows.
    /// </summary>
    public static Point VirtualTime(TimeSpan span, string label)
    {
        SimulatedEventLoop loop = Workloads.LeanLoop();
        TimeProvider tp = loop.TimeProvider;
        long before = Settled(loop);
        long mean = span.Ticks / 1_000;
        int delays = 0;
        for (int t = 0; t < 100; t++)
        {
            var random = new Random(t);
            loop.CreateTask(async ct =>
            {
                for (int k = 0; k < 1_000; k++)
                {
                    await Task.Delay(TimeSpan.FromTicks(Math.Max(1, random.NextInt64(mean / 2, (mean * 3 / 2) + 1))), tp, ct);
                    delays++;
                }
            });
        }

        Point point = Timed(loop, "virtual time", span.Ticks, label, 0, () => loop.RunFor(span * 2));
        RatioMeasurements.Expect(delays == 100_000, $"{delays} of 100,000 delays fired");
        double retained = (GC.GetTotalMemory(true) - before) / 100.0; // after the run, the loop still alive: what time left behind
        GC.KeepAlive(loop);
        return point with { BytesPerUnit = retained };
    }

    private static readonly System.Globalization.CultureInfo s_inv = System.Globalization.CultureInfo.InvariantCulture;

    private static long Settled(SimulatedEventLoop loop)
    {
        loop.RunFor(TimeSpan.Zero);
        return GC.GetTotalMemory(true);
    }

    private static Point Timed(SimulatedEventLoop loop, string dimension, long size, string label, double bytesPerUnit, Action run)
    {
        long steps = loop.StepCount;
        long start = Stopwatch.GetTimestamp();
        run();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        steps = loop.StepCount - steps;
        return new Point(dimension, size, label, seconds * 1e9 / Math.Max(1, steps), bytesPerUnit, steps, seconds);
    }
}
