using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Exploration;

/// <summary>Small deliberately racy bodies: FIFO happens to run them safely; other interleavings break them.</summary>
internal static class RacyBodies
{
    public static readonly Func<SimulatedEventLoop, CancellationToken, Task> LostUpdate = async (loop, ct) =>
    {
        int counter = 0;
        async Task Increment(int warmup)
        {
            for (int i = 0; i < warmup; i++)
            {
                await Task.Yield();
            }

            int seen = counter;
            await Task.Yield();
            counter = seen + 1;
        }

        LoopTask a = loop.CreateTask(_ => Increment(0), "A");
        LoopTask b = loop.CreateTask(_ => Increment(1), "B");
        await a;
        await b;
        if (counter != 2)
        {
            throw new InvalidOperationException($"lost update: counter is {counter}, expected 2");
        }
    };

    public static readonly Func<SimulatedEventLoop, CancellationToken, Task> CheckThenAct = async (loop, ct) =>
    {
        var cache = new Dictionary<string, int>();
        async Task GetOrAdd(int warmup, int value)
        {
            for (int i = 0; i < warmup; i++)
            {
                await Task.Yield();
            }

            if (!cache.ContainsKey("key"))
            {
                await Task.Yield(); // "fetch" the value
                cache.Add("key", value);
            }
        }

        LoopTask a = loop.CreateTask(_ => GetOrAdd(0, 1), "A");
        LoopTask b = loop.CreateTask(_ => GetOrAdd(1, 2), "B");
        await a;
        await b;
    };

    public static readonly Func<SimulatedEventLoop, CancellationToken, Task> LockOrderDeadlock = async (loop, ct) =>
    {
        var first = new SemaphoreSlim(1);
        var second = new SemaphoreSlim(1);
        async Task Transfer(SemaphoreSlim one, SemaphoreSlim two, int warmup)
        {
            for (int i = 0; i < warmup; i++)
            {
                await Task.Yield();
            }

            await one.WaitAsync();
            await Task.Yield();
            await two.WaitAsync();
            two.Release();
            one.Release();
        }

        LoopTask a = loop.CreateTask(_ => Transfer(first, second, 0), "A");
        LoopTask b = loop.CreateTask(_ => Transfer(second, first, 1), "B");
        await a;
        await b;
    };

    public static TheoryData<string> Names => new() { nameof(LostUpdate), nameof(CheckThenAct), nameof(LockOrderDeadlock) };

    public static Func<SimulatedEventLoop, CancellationToken, Task> ByName(string name) => name switch
    {
        nameof(LostUpdate) => LostUpdate,
        nameof(CheckThenAct) => CheckThenAct,
        _ => LockOrderDeadlock,
    };

    public static Type ExpectedFailure(string name) => name switch
    {
        nameof(LostUpdate) => typeof(InvalidOperationException),
        nameof(CheckThenAct) => typeof(ArgumentException),
        _ => typeof(DeadlockException),
    };

    /// <summary>Exploration options for tests: no files unless asked, no real-time grace before a deadlock report.</summary>
    public static ExplorationOptions Options(ExplorationStrategy strategy, int iterations) => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        FailureFolder = null,
        HonourEnvironment = false,
        Simulation = new SimulationOptions { EscapeGracePeriod = TimeSpan.Zero },
    };
}
