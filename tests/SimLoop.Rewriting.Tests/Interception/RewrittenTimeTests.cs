using System.Reflection;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Interception;

/// <summary>Timers and clocks in rewritten code read the loop's virtual time inside a simulation.</summary>
public sealed class RewrittenTimeTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        public static class Times
        {
            public static async Task<long[]> StopwatchAsync()
            {
                var stopwatch = new Stopwatch();
                stopwatch.Start();
                await Task.Delay(1500);
                stopwatch.Stop();
                await Task.Delay(1000);
                long stopped = stopwatch.ElapsedMilliseconds;
                stopwatch.Restart();
                await Task.Delay(250);
                return new[] { stopped, stopwatch.ElapsedMilliseconds, stopwatch.IsRunning ? 1 : 0, stopwatch.ElapsedTicks * 1000 / Stopwatch.Frequency };
            }

            public static async Task<int> PeriodicAsync()
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                int ticks = 0;
                while (ticks < 4 && await timer.WaitForNextTickAsync()) { ticks++; }
                return ticks;
            }

            public static async Task<bool> TimeoutAsync()
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try { await Task.Delay(TimeSpan.FromMinutes(1), cts.Token); return false; }
                catch (TaskCanceledException) { }
                try { await new TaskCompletionSource().Task.WaitAsync(TimeSpan.FromSeconds(1)); return false; }
                catch (TimeoutException) { return true; }
            }

            public static DateTimeOffset SystemProviderNow() => TimeProvider.System.GetUtcNow();

            // Ticks of a periodic System.Threading.Timer, a Change, then a `using` disposal that stops it.
            public static async Task<string> ThreadingTimerAsync()
            {
                var fired = new System.Collections.Generic.List<long>();
                long start = Environment.TickCount64;
                using (var timer = new Timer(_ => fired.Add(Environment.TickCount64 - start), null, 100, 50))
                {
                    await Task.Delay(210);
                    timer.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
                    await Task.Delay(600);
                    timer.Change(100, 100);
                }
                await Task.Delay(1000);
                return string.Join(",", fired);
            }

            // A System.Timers.Timer: periodic, then one-shot after an interval change, then disposed.
            public static async Task<string> TimersTimerAsync()
            {
                var fired = new System.Collections.Generic.List<string>();
                long start = Environment.TickCount64;
                using (var timer = new System.Timers.Timer(100))
                {
                    timer.Elapsed += (_, e) => fired.Add($"{Environment.TickCount64 - start}@{e.SignalTime:ss.fff}");
                    timer.Start();
                    await Task.Delay(350);
                    timer.AutoReset = false;
                    timer.Interval = 500;
                    await Task.Delay(1000);
                    fired.Add(timer.Enabled ? "enabled" : "disabled");
                    timer.Enabled = true;
                }
                await Task.Delay(1000);
                return string.Join(",", fired);
            }

            public static async Task<bool> ThreadingTimerFiresAsync()
            {
                var fired = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using var timer = new Timer(_ => fired.TrySetResult(true), null, 1, Timeout.Infinite);
                return await fired.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        """;

    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    private Assembly Build()
    {
        string output = Path.Combine(_compiler.Directory, "out", "Times.dll");
        new AssemblyRewriter().Rewrite(_compiler.Compile("Times", Source), output).Diagnostics.ShouldBeEmpty();
        return SnippetCompiler.Load(output);
    }

    [Fact]
    public void StopwatchInstance_InsideSimulation_MeasuresLoopTime()
    {
        var measure = SnippetCompiler.Method<Func<Task<long[]>>>(Build(), "Times", "StopwatchAsync");
        long[] readings = [];

        Simulation.Run(0, async (_, _) => readings = await measure()).Failure.ShouldBeNull();

        readings.ShouldBe([1500, 250, 1, 250]);
    }

    [Fact]
    public void PeriodicTimerCancellationAndWaitAsync_InsideSimulation_FireInVirtualTime()
    {
        Assembly assembly = Build();
        var periodic = SnippetCompiler.Method<Func<Task<int>>>(assembly, "Times", "PeriodicAsync");
        var timeout = SnippetCompiler.Method<Func<Task<bool>>>(assembly, "Times", "TimeoutAsync");
        int ticks = 0;
        bool timedOut = false;

        SimulationRun run = Simulation.Run(0, async (_, _) => { ticks = await periodic(); timedOut = await timeout(); });

        run.Failure.ShouldBeNull();
        ticks.ShouldBe(4);
        timedOut.ShouldBeTrue();
        run.VirtualTime.ShouldBe(TimeSpan.FromSeconds(4 + 2 + 1));
    }

    [Fact]
    public void TimeProviderSystem_InsideAndOutsideSimulation_IsTheLoopsThenTheReal()
    {
        var now = SnippetCompiler.Method<Func<DateTimeOffset>>(Build(), "Times", "SystemProviderNow");
        var start = new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset inside = default;

        Simulation.Run(0, (_, _) => { inside = now(); return Task.CompletedTask; }, new SimulationOptions { StartTime = start }).Failure.ShouldBeNull();
        DateTimeOffset before = DateTimeOffset.UtcNow;
        DateTimeOffset outside = now();

        inside.ShouldBe(start);
        outside.ShouldBeGreaterThanOrEqualTo(before);
    }

    [Fact]
    public void ThreadingTimer_InsideSimulation_FiresAtVirtualDueTimesAndStopsWhenDisposed()
    {
        var run = SnippetCompiler.Method<Func<Task<string>>>(Build(), "Times", "ThreadingTimerAsync");
        string fired = "";

        SimulationRun result = Simulation.Run(0, async (_, _) => fired = await run());

        result.Failure.ShouldBeNull();
        fired.ShouldBe("100,150,200,710");
        result.VirtualTime.ShouldBe(TimeSpan.FromMilliseconds(1810));
    }

    [Fact]
    public async Task ThreadingTimer_OutsideSimulation_IsARealTimer()
    {
        var fires = SnippetCompiler.Method<Func<Task<bool>>>(Build(), "Times", "ThreadingTimerFiresAsync");

        (await fires()).ShouldBeTrue();
    }

    [Fact]
    public void TimersTimer_InsideSimulation_FiresAtVirtualTimesWithVirtualSignalTime()
    {
        var run = SnippetCompiler.Method<Func<Task<string>>>(Build(), "Times", "TimersTimerAsync");
        string fired = "";
        var start = new DateTimeOffset(2033, 1, 1, 0, 0, 0, TimeSpan.Zero);

        SimulationRun result = Simulation.Run(0, async (_, _) => fired = await run(), new SimulationOptions { StartTime = start });

        result.Failure.ShouldBeNull();
        fired.ShouldBe("100@00.100,200@00.200,300@00.300,850@00.850,disabled");
    }
}
