using System.Diagnostics;
using System.Globalization;
using SimLoop.Exploration;
using SimLoop.Hosts;

namespace SimLoop.Benchmarks;

/// <summary>
/// Network and exploration throughput (issue 6), as Stopwatch modes like <c>memory</c>/<c>compression</c>:
/// <c>network [messages]</c> and <c>explore [iterations]</c>. Lean options; wall time includes the loop's
/// start-up, so these are conservative.
/// </summary>
internal static class PendingBenchmarks
{
    private const int Port = 7;
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Messages/s and bytes/s through one connection, connections opened+closed/s, bytes per open connection.</summary>
    public static int Network(int messages)
    {
        Stream(Math.Max(1, messages / 10), 64, "warm-up", print: false); // JIT outside the reading
        Stream(Math.Max(1, messages / 640), 64 * 1024, "warm-up", print: false);
        Console.WriteLine("| What | Count | Wall s | Per second | Bytes per second |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Stream(messages, 64, "64-byte messages, one connection (client writes, server reads)");
        Stream(Math.Max(64, messages / 64), 64 * 1024, "64 KiB writes, one connection");
        Connections(Math.Max(100, messages / 100));
        Console.WriteLine();
        ConnectionMemory(Math.Max(100, messages / 100));
        return 0;
    }

    /// <summary>Exploration iterations per second of an echo workload, with 1 and 2 workers.</summary>
    public static int Explore(int iterations)
    {
        Console.WriteLine("Echo workload: 10 clients x 100 messages (64 bytes) to one echo server; random strategy; lean options.");
        Console.WriteLine();
        Console.WriteLine("| DegreeOfParallelism | Iterations | Steps | Wall s | Iterations per second |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        // Warm-up: a whole run's worth, so that tiered JIT has finished (a tenth was still mostly tier-0 code).
        Explore(iterations, 1, print: false);
        double one = Explore(iterations, 1, print: true);
        double two = Explore(iterations, 2, print: true);
        Console.WriteLine();
        Console.WriteLine($"speed-up with 2 workers: {(two / one).ToString("0.00", s_inv)}x");
        return 0;
    }

    private static SimulatedEventLoop Lean() => Workloads.LeanLoop();

    private static void Stream(int count, int size, string what, bool print = true)
    {
        SimulatedEventLoop loop = Lean();
        long total = (long)count * size;
        long received = 0;
        loop.AddHost("server", async (host, ct) =>
        {
            await host.StartServerAsync(async (stream, c) =>
            {
                var buffer = new byte[Math.Max(size, 64 * 1024)];
                int n;
                while ((n = await stream.ReadAsync(buffer, c)) > 0)
                {
                    received += n;
                }
            }, Port);
        });
        SimulatedHost client = loop.AddHost("client");
        var wall = Stopwatch.StartNew();
        loop.RunUntilComplete(async ct =>
        {
            await client.Spawn(async c =>
            {
                await using Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", Port, c);
                var message = new byte[size];
                for (int i = 0; i < count; i++)
                {
                    await stream.WriteAsync(message, c);
                }

                await stream.FlushAsync(c);
                while (received < total)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, c);
                }
            });
        });
        wall.Stop();
        Check(received == total, $"{what}: received {received} of {total} bytes");
        double s = wall.Elapsed.TotalSeconds;
        if (!print)
        {
            return;
        }

        Console.WriteLine($"| {what} | {count.ToString("N0", s_inv)} | {s.ToString("0.00", s_inv)} | {(count / s).ToString("N0", s_inv)} | {(total / s).ToString("N0", s_inv)} |");
    }

    private static void Connections(int count)
    {
        SimulatedEventLoop loop = Lean();
        int served = 0;
        loop.AddHost("server", async (host, ct) =>
        {
            await host.StartServerAsync(async (stream, c) =>
            {
                var buffer = new byte[16];
                while (await stream.ReadAsync(buffer, c) > 0)
                {
                }

                served++;
            }, Port);
        });
        SimulatedHost client = loop.AddHost("client");
        var wall = Stopwatch.StartNew();
        loop.RunUntilComplete(async ct =>
        {
            await client.Spawn(async c =>
            {
                for (int i = 0; i < count; i++)
                {
                    Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", Port, c);
                    await stream.DisposeAsync();
                }

                while (served < count)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, c);
                }
            });
        });
        wall.Stop();
        double s = wall.Elapsed.TotalSeconds;
        Console.WriteLine($"| connections opened + closed (server sees EOF) | {count.ToString("N0", s_inv)} | {s.ToString("0.00", s_inv)} | {(count / s).ToString("N0", s_inv)} | |");
    }

    private static void ConnectionMemory(int count)
    {
        SimulatedEventLoop loop = Lean();
        loop.AddHost("server", async (host, ct) =>
        {
            await host.StartServerAsync(async (stream, c) =>
            {
                var buffer = new byte[16];
                while (await stream.ReadAsync(buffer, c) > 0)
                {
                }
            }, Port);
        });
        SimulatedHost client = loop.AddHost("client");
        var streams = new Stream[count];
        loop.RunFor(TimeSpan.FromSeconds(1)); // server started; first-run costs outside the reading
        long before = GC.GetTotalMemory(true);
        loop.RunUntilComplete(async ct =>
        {
            await client.Spawn(async c =>
            {
                for (int i = 0; i < count; i++)
                {
                    streams[i] = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", Port, c);
                }
            });
        });
        loop.RunFor(TimeSpan.FromSeconds(1)); // every accept handled: both ends idle
        long after = GC.GetTotalMemory(true);
        GC.KeepAlive(streams);
        Console.WriteLine($"bytes per open idle simulated connection (both ends, server handler parked in ReadAsync; {count.ToString("N0", s_inv)} connections): {((after - before) / (double)count).ToString("0", s_inv)}");
    }

    private static double Explore(int iterations, int workers, bool print)
    {
        ExplorationResult result = Simulation.Explore(EchoWorkload, new ExplorationOptions
        {
            Iterations = iterations,
            DegreeOfParallelism = workers,
            HonourEnvironment = false,
            FailureFolder = null,
            Shrink = false,
            Simulation = new SimulationOptions { RecordTrace = false, BlockingStepTimeout = null, MaxSteps = null },
        });
        Check(result.Passed && result.IterationsRun == iterations, $"exploration: passed={result.Passed}, iterations={result.IterationsRun}");
        double s = result.WallClockTime.TotalSeconds;
        double rate = result.IterationsRun / s;
        if (print)
        {
            Console.WriteLine($"| {workers} | {result.IterationsRun.ToString("N0", s_inv)} | {result.Steps.ToString("N0", s_inv)} | {s.ToString("0.00", s_inv)} | {rate.ToString("N0", s_inv)} |");
        }

        return rate;
    }

    internal static async Task EchoWorkload(SimulatedEventLoop loop, CancellationToken ct)
    {
        loop.AddHost("server", async (host, c) =>
        {
            await host.StartServerAsync(async (stream, c2) =>
            {
                var buffer = new byte[64];
                int n;
                while ((n = await stream.ReadAsync(buffer, c2)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, n), c2);
                }
            }, Port);
        });
        var clients = new List<LoopTask>();
        for (int i = 0; i < 10; i++)
        {
            SimulatedHost host = loop.AddHost($"client{i}");
            clients.Add(host.Spawn(async c =>
            {
                await using Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", Port, c);
                var message = new byte[64];
                var reply = new byte[64];
                for (int m = 0; m < 100; m++)
                {
                    await stream.WriteAsync(message, c);
                    int got = 0;
                    while (got < reply.Length)
                    {
                        int n = await stream.ReadAsync(reply.AsMemory(got), c);
                        if (n == 0)
                        {
                            throw new IOException("echo server closed the connection early");
                        }

                        got += n;
                    }
                }
            }));
        }

        foreach (LoopTask t in clients)
        {
            await t;
        }
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("benchmark workload failed: " + what);
        }
    }
}
