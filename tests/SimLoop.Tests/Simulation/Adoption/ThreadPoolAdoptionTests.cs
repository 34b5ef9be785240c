using System.Threading.Channels;
using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Simulation.Adoption;

/// <summary>
/// Thread-pool hops that the loop's own steps cause and no setting avoids are adopted: each becomes a step of the
/// task that queued it, runs while the loop waits, and the run is deterministic (one trace hash over 100 runs), with
/// no escape and no real-time grace. The same programs with adoption off are reported: SimulatedEventLoopEscapeTests.
/// </summary>
public sealed class ThreadPoolAdoptionTests
{
    private const int Runs = 100;

    private static SimulationOptions Options() => new();

    [Fact]
    public void ConfigureAwaitFalse_OnTaskCompletionSourceCompletedByAnotherTask_IsAdopted()
    {
        long adopted = 0;
        RepeatedRuns.ShouldHaveOneTrace(Runs, Options, loop =>
        {
            int result = loop.RunUntilComplete(async _ =>
            {
                var tcs = new TaskCompletionSource<int>();
                LoopTask<int> b = loop.CreateTask(async _ => await tcs.Task.ConfigureAwait(false) + 1, "B");
                LoopTask a = loop.CreateTask(async _ => { await Task.Yield(); tcs.SetResult(1); }, "A");
                await a;
                return await b;
            });
            result.ShouldBe(2);
            adopted = loop.AdoptedWorkCount;
        });
        adopted.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void TaskRun_IsAdopted_AsAStepOfTheTaskThatQueuedIt()
    {
        RepeatedRuns.ShouldHaveOneTrace(Runs, Options, loop =>
        {
            int result = loop.RunUntilComplete(async ct => await Task.Run(() => 41, ct) + 1);
            result.ShouldBe(42);
            loop.AdoptedWorkCount.ShouldBe(1);
        });
    }

    [Fact]
    public void TaskRun_SeesTheLoopAsRunning_AndVirtualTime()
    {
        var loop = new SimulatedEventLoop();
        (bool sameLoop, TimeSpan elapsed) = loop.RunUntilComplete(async ct =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), loop.TimeProvider, ct);
            return await Task.Run(() => (ReferenceEquals(SimulatedEventLoop.Current, loop), loop.Clock.Elapsed), ct);
        });
        sameLoop.ShouldBeTrue();
        elapsed.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void NestedTaskRunAndQueueUserWorkItem_AreAdopted_Deterministically()
    {
        RepeatedRuns.ShouldHaveOneTrace(Runs, Options, loop =>
        {
            var order = new List<string>();
            loop.RunUntilComplete(async ct =>
            {
                await Task.Run(async () =>
                {
                    order.Add("outer");
                    var tcs = new TaskCompletionSource();
                    ThreadPool.QueueUserWorkItem(_ => { order.Add("queued"); tcs.SetResult(); });
                    await tcs.Task.ConfigureAwait(false);
                    await Task.Run(() => order.Add("inner"), ct).ConfigureAwait(false);
                    await Task.Yield();
                    order.Add("after yield");
                }, ct);
            });
            order.ShouldBe(["outer", "queued", "inner", "after yield"]);
        });
    }

    [Fact]
    public void SemaphoreSlimWaitAsync_WithCancellableToken_HandsOffBetweenTasks()
    {
        RepeatedRuns.ShouldHaveOneTrace(Runs, Options, loop =>
        {
            var log = new List<string>();
            loop.RunUntilComplete(async ct =>
            {
                var semaphore = new SemaphoreSlim(0);
                using var source = new CancellationTokenSource();
                LoopTask waiter = loop.CreateTask(async _ => { await semaphore.WaitAsync(source.Token); log.Add("acquired"); }, "B");
                LoopTask releaser = loop.CreateTask(async _ => { await Task.Yield(); log.Add("release"); semaphore.Release(); }, "A");
                await releaser;
                await waiter;
            });
            log.ShouldBe(["release", "acquired"]);
        });
    }

    [Fact]
    public void SemaphoreSlimWaitAsync_WithTimeout_TimesOutOrAcquires_Deterministically()
    {
        RepeatedRuns.ShouldHaveOneTrace(Runs, Options, loop =>
        {
            bool acquired = loop.RunUntilComplete(async ct =>
            {
                var semaphore = new SemaphoreSlim(0);
                LoopTask releaser = loop.CreateTask(async _ => { await Task.Yield(); semaphore.Release(); }, "A");
                bool got = await semaphore.WaitAsync(TimeSpan.FromMinutes(1), ct);
                await releaser;
                return got;
            });
            acquired.ShouldBeTrue();
        });
    }

    [Fact]
    public void ChannelReadAllAsync_ProducerConsumer_IsDeterministic()
    {
        RepeatedRuns.ShouldHaveOneTrace(Runs, Options, loop =>
        {
            var received = new List<int>();
            loop.RunUntilComplete(async ct =>
            {
                Channel<int> channel = Channel.CreateBounded<int>(2);
                LoopTask consumer = loop.CreateTask(async c =>
                {
                    await foreach (int item in channel.Reader.ReadAllAsync(c))
                    {
                        received.Add(item);
                    }
                }, "consumer");
                LoopTask producer = loop.CreateTask(async c =>
                {
                    for (int i = 0; i < 10; i++)
                    {
                        await channel.Writer.WriteAsync(i, c);
                        await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, c);
                    }

                    channel.Writer.Complete();
                }, "producer");
                await producer;
                await consumer;
            });
            received.ShouldBe(Enumerable.Range(0, 10));
        });
    }

    [Fact]
    public void ChannelReadAsync_WithConfigureAwaitFalse_IsAdopted()
    {
        RepeatedRuns.ShouldHaveOneTrace(Runs, Options, loop =>
        {
            int value = loop.RunUntilComplete(async _ =>
            {
                Channel<int> channel = Channel.CreateUnbounded<int>();
                LoopTask<int> reader = loop.CreateTask(async ct => await channel.Reader.ReadAsync(ct).ConfigureAwait(false), "B");
                LoopTask writer = loop.CreateTask(async _ => { await Task.Yield(); channel.Writer.TryWrite(7); }, "A");
                await writer;
                return await reader;
            });
            value.ShouldBe(7);
        });
    }

    [Fact]
    public void Deadlock_BehindAdoptedWork_IsReportedAtOnce_WithoutAGrace()
    {
        var loop = new SimulatedEventLoop();
        var error = Should.Throw<DeadlockException>(() => loop.RunUntilComplete(async ct =>
        {
            var semaphore = new SemaphoreSlim(0);
            using var source = new CancellationTokenSource();
            await Task.Run(async () => await semaphore.WaitAsync(source.Token).ConfigureAwait(false), ct);
        }));
        error.PendingTasks.ShouldContain(t => t.StartsWith("main", StringComparison.Ordinal));
    }

    [Fact]
    public void AdoptedWork_IsAStepTheStrategyChoosesAmong()
    {
        // Two tasks each hop through the pool before writing: under a random strategy both orders occur over seeds,
        // and each seed always gives the same one.
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var perSeed = new HashSet<string>(StringComparer.Ordinal);
            for (int run = 0; run < 2; run++)
            {
                var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, StrategyFactory = _ => new SimLoop.Scheduling.RandomStrategy(seed) });
                string order = loop.RunUntilComplete(async ct =>
                {
                    var log = new List<string>();
                    LoopTask a = loop.CreateTask(async c => { await Task.Run(() => { }, c).ConfigureAwait(false); log.Add("a"); }, "A");
                    LoopTask b = loop.CreateTask(async c => { await Task.Run(() => { }, c).ConfigureAwait(false); log.Add("b"); }, "B");
                    await a;
                    await b;
                    return string.Join(",", log);
                });
                perSeed.Add(order);
            }

            perSeed.Count.ShouldBe(1);
            outcomes.UnionWith(perSeed);
        }

        outcomes.ShouldBe(["a,b", "b,a"], ignoreOrder: true);
    }
}
