using System.Threading.Channels;
using Shouldly;
using Xunit;

namespace SimLoop.Tests.Tasks;

/// <summary>Ordinary async code inside loop tasks: awaits come back to the loop as steps of their task.</summary>
public sealed class TaskSynchronizationContextTests
{
    private static readonly AsyncLocal<string?> s_local = new();
    private readonly SimulatedEventLoop _loop = new();
    private readonly int _loopThread = Environment.CurrentManagedThreadId;

    [Fact]
    public void TaskYield_IsAStepBoundaryBetweenTasks()
    {
        var order = new List<string>();
        _loop.RunUntilComplete(async _ =>
        {
            LoopTask a = _loop.CreateTask(async _ => { order.Add("a1"); await Task.Yield(); order.Add("a2"); await Task.Yield(); order.Add("a3"); }, "A");
            LoopTask b = _loop.CreateTask(async _ => { order.Add("b1"); await Task.Yield(); order.Add("b2"); await Task.Yield(); order.Add("b3"); }, "B");
            await a;
            await b;
        });
        order.ShouldBe(["a1", "b1", "a2", "b2", "a3", "b3"]);
    }

    [Fact]
    public void SynchronizationContextCurrent_InATaskStep_IsTheTasksOwn()
    {
        (bool insideHasContext, bool sameAfterAwait) = _loop.RunUntilComplete(async _ =>
        {
            SynchronizationContext? before = SynchronizationContext.Current;
            await Task.Yield();
            return (before is not null, ReferenceEquals(before, SynchronizationContext.Current));
        });
        insideHasContext.ShouldBeTrue();
        sameAfterAwait.ShouldBeTrue();
    }

    [Fact]
    public void SemaphoreSlimWaitAsync_ContendedByTasks_GivesMutualExclusionOnTheLoopThread()
    {
        var semaphore = new SemaphoreSlim(1);
        var log = new List<string>();
        int inside = 0;
        var threads = new HashSet<int>();
        _loop.RunUntilComplete(async _ =>
        {
            var tasks = new List<LoopTask>();
            foreach (string name in new[] { "A", "B", "C" })
            {
                tasks.Add(_loop.CreateTask(async ct =>
                {
                    // WaitAsync() without a token: with a cancellable token the BCL hops to the thread pool internally
                    // (see SemaphoreSlimWaitAsync_WithCancellableToken_IsReportedAsEscape).
                    await semaphore.WaitAsync();
                    try
                    {
                        (++inside).ShouldBe(1);
                        log.Add(name);
                        threads.Add(Environment.CurrentManagedThreadId);
                        await Task.Delay(TimeSpan.FromSeconds(1), _loop.TimeProvider, ct);
                        inside--;
                    }
                    finally
                    {
                        semaphore.Release();
                    }
                }, name));
            }

            foreach (LoopTask t in tasks)
            {
                await t;
            }
        });
        log.ShouldBe(["A", "B", "C"]);
        threads.ShouldBe([_loopThread]);
        _loop.Time.ShouldBe(3);
    }

    [Fact]
    public void Channel_PlainAwait_ProducerAndConsumerStayOnTheLoop()
    {
        var received = new List<(int, double)>();
        var threads = new HashSet<int>();
        _loop.RunUntilComplete(async _ =>
        {
            Channel<int> channel = Channel.CreateBounded<int>(2);
            LoopTask producer = _loop.CreateTask(async ct =>
            {
                for (int i = 0; i < 5; i++)
                {
                    await channel.Writer.WriteAsync(i, ct);
                    await Task.Delay(TimeSpan.FromSeconds(1), _loop.TimeProvider, ct);
                }

                channel.Writer.Complete();
            }, "producer");
            LoopTask consumer = _loop.CreateTask(async ct =>
            {
                // WaitToReadAsync/TryRead rather than ReadAllAsync: ReadAllAsync uses ConfigureAwait(false) internally.
                while (await channel.Reader.WaitToReadAsync(ct))
                {
                    while (channel.Reader.TryRead(out int item))
                    {
                        threads.Add(Environment.CurrentManagedThreadId);
                        received.Add((item, _loop.Time));
                    }
                }
            }, "consumer");
            await producer;
            await consumer;
        });
        received.ShouldBe([(0, 0.0), (1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0)]);
        threads.ShouldBe([_loopThread]);
    }

    [Fact]
    public void AsyncEnumerable_WithLoopDelays_YieldsAtVirtualTimes()
    {
        var seen = new List<(int, double)>();
        _loop.RunUntilComplete(async ct =>
        {
            await foreach (int value in Countdown(3, ct))
            {
                seen.Add((value, _loop.Time));
            }
        });
        seen.ShouldBe([(3, 1.0), (2, 2.0), (1, 3.0)]);
    }

    [Fact]
    public void AsyncLocal_SetInATask_FlowsAcrossItsAwaitsButNotIntoOtherTasks()
    {
        var seen = new List<string?>();
        _loop.RunUntilComplete(async _ =>
        {
            LoopTask a = _loop.CreateTask(async ct =>
            {
                s_local.Value = "A";
                await Task.Yield();
                seen.Add(s_local.Value);
                await Task.Delay(TimeSpan.FromSeconds(1), _loop.TimeProvider, ct);
                seen.Add(s_local.Value);
            }, "A");
            LoopTask b = _loop.CreateTask(async _ =>
            {
                await Task.Yield();
                seen.Add(s_local.Value ?? "none");
            }, "B");
            await a;
            await b;
        });
        seen.ShouldBe(["A", "none", "A"]);
    }

    private async IAsyncEnumerable<int> Countdown(int from, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        for (int i = from; i > 0; i--)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _loop.TimeProvider, ct);
            yield return i;
        }
    }
}
