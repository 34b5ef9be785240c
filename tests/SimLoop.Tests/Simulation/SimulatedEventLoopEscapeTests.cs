using System.Threading.Channels;
using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Simulation;

/// <summary>
/// Work that may leave the loop, with thread-pool adoption off: each case either runs deterministically on the loop
/// (one trace hash over 100 runs) or ends every run with an <see cref="UncontrolledConcurrencyException"/> naming
/// what escaped. (With adoption on, the default, the same programs run deterministically: ThreadPoolAdoptionTests.)
/// </summary>
public sealed class SimulatedEventLoopEscapeTests
{
    private const int DeterministicRuns = 100;
    private const int EscapeRuns = 20;

    // A long grace period is only an upper bound: the loop stops waiting as soon as escaped work reports itself,
    // so the outcome does not depend on how quickly the thread pool picks the work up.
    private static SimulationOptions Options() => new() { EscapeGracePeriod = TimeSpan.FromSeconds(30), AdoptThreadPoolWork = false };

    [Fact]
    public void ConfigureAwaitFalse_OnTaskCompletedByTheLoop_StaysOnTheLoopDeterministically()
    {
        int loopThread = Environment.CurrentManagedThreadId;
        RepeatedRuns.ShouldHaveOneTrace(DeterministicRuns, Options, loop =>
        {
            int thread = loop.RunUntilComplete(async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct).ConfigureAwait(false);
                return Environment.CurrentManagedThreadId;
            });
            thread.ShouldBe(loopThread);
        });
    }

    [Fact]
    public void ConfigureAwaitFalse_OnTaskCompletionSourceCompletedByAnotherTask_IsReported()
    {
        IReadOnlyList<string> messages = RepeatedRuns.ShouldAlwaysThrow<UncontrolledConcurrencyException>(EscapeRuns, Options, loop =>
            loop.RunUntilComplete(async _ =>
            {
                var tcs = new TaskCompletionSource<int>();
                LoopTask<int> b = loop.CreateTask(async _ => await tcs.Task.ConfigureAwait(false), "B");
                LoopTask a = loop.CreateTask(async _ => { await Task.Yield(); tcs.SetResult(1); }, "A");
                await a;
                return await b;
            }));
        messages.ShouldAllBe(m => m.Contains("task B") && m.Contains("ConfigureAwait(false)"));
    }

    [Fact]
    public void TaskRun_IsReportedEveryTime()
    {
        IReadOnlyList<string> messages = RepeatedRuns.ShouldAlwaysThrow<UncontrolledConcurrencyException>(EscapeRuns, Options, loop =>
            loop.RunUntilComplete(async ct => await Task.Run(() => 1, ct)));
        messages.ShouldAllBe(m => m.Contains("Task.Run"));
    }

    /// <summary>The one report of a QueueUserWorkItem escape with adoption off (seed 0).</summary>
    internal const string QueueUserWorkItemReport =
        "Uncontrolled concurrency (seed 0): task main queued work to the thread pool in a step, with SimulationOptions.AdoptThreadPoolWork off, so it would run outside the loop. " +
        "It came from ThreadPool.QueueUserWorkItem: schedule the work with loop.CallSoon or loop.CreateTask instead.";

    [Fact]
    public void ThreadPoolQueueUserWorkItem_IsReportedEveryTime() =>
        QueueUserWorkItemReports(EscapeRuns).ShouldHaveSingleItem().ShouldStartWith(QueueUserWorkItemReport + " | ");

    /// <summary>
    /// Runs a QueueUserWorkItem escape with adoption off <paramref name="runs"/> times; returns the distinct
    /// "message | trace hash" pairs. The item is seen on the loop thread inside the queuing call and held, so the report
    /// comes at the end of the step that queued it, whatever the pool does.
    /// </summary>
    internal static IReadOnlySet<string> QueueUserWorkItemReports(int runs)
    {
        var reports = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < runs; i++)
        {
            var loop = new SimulatedEventLoop(Options());
            var ex = Should.Throw<UncontrolledConcurrencyException>(() => loop.RunUntilComplete(async _ =>
            {
                var tcs = new TaskCompletionSource<int>();
                ThreadPool.QueueUserWorkItem(_ => tcs.SetResult(1));
                return await tcs.Task;
            }));
            reports.Add($"{ex.Message} | {loop.Trace.Hash()}");
        }

        return reports;
    }

    [Fact]
    public void ChannelReadWithConfigureAwaitFalse_IsReportedEveryTime()
    {
        IReadOnlyList<string> messages = RepeatedRuns.ShouldAlwaysThrow<UncontrolledConcurrencyException>(EscapeRuns, Options, loop =>
            loop.RunUntilComplete(async _ =>
            {
                Channel<int> channel = Channel.CreateUnbounded<int>();
                LoopTask<int> reader = loop.CreateTask(async ct => await channel.Reader.ReadAsync(ct).ConfigureAwait(false), "B");
                LoopTask writer = loop.CreateTask(async _ => { await Task.Yield(); channel.Writer.TryWrite(1); }, "A");
                await writer;
                return await reader;
            }));
        // Reported at the end of the writer's step, which queued the reader's continuation to the pool (held, never run).
        messages.Distinct().ShouldHaveSingleItem().ShouldContain("task A queued work to the thread pool in a step");
        messages[0].ShouldContain("ConfigureAwait(false)");
    }

    [Fact]
    public void TaskDelayWithoutProvider_IsReportedEveryTime()
    {
        using var cancelRealTimers = new CancellationTokenSource();
        IReadOnlyList<string> messages = RepeatedRuns.ShouldAlwaysThrow<UncontrolledConcurrencyException>(EscapeRuns, Options, loop =>
            loop.RunUntilComplete(async _ => await Task.Delay(TimeSpan.FromHours(1), cancelRealTimers.Token)));
        cancelRealTimers.Cancel();
        messages.ShouldAllBe(m => m.Contains("real-time timer") && m.Contains("loop.TimeProvider"));
    }

    [Fact]
    public void BlockingOnResult_OfWorkAnotherLoopTaskWouldDo_IsReportedEveryTime()
    {
        IReadOnlyList<string> messages = RepeatedRuns.ShouldAlwaysThrow<UncontrolledConcurrencyException>(
            EscapeRuns,
            () => new SimulationOptions { BlockingStepTimeout = TimeSpan.FromMilliseconds(200) },
            loop => loop.RunUntilComplete(async _ =>
            {
                var tcs = new TaskCompletionSource<int>();
                LoopTask completer = loop.CreateTask(async _ => { await Task.Yield(); tcs.SetResult(1); }, "completer");
#pragma warning disable xUnit1031 // Blocking is the subject of this test.
                int value = tcs.Task.Result;
#pragma warning restore xUnit1031
                await completer;
                return value;
            }));
        messages.ShouldAllBe(m => m.Contains("blocked") && m.Contains(".Result"));
    }

    [Fact]
    public void SemaphoreSlimWaitAsync_WithCancellableToken_IsReportedEveryTime()
    {
        // The BCL awaits with ConfigureAwait(false) inside WaitAsync(CancellationToken): its continuation runs on the
        // thread pool, which the loop cannot control, so it is reported rather than run nondeterministically.
        IReadOnlyList<string> messages = RepeatedRuns.ShouldAlwaysThrow<UncontrolledConcurrencyException>(EscapeRuns, Options, loop =>
            loop.RunUntilComplete(async ct =>
            {
                var semaphore = new SemaphoreSlim(0);
                using var source = new CancellationTokenSource();
                LoopTask waiter = loop.CreateTask(async _ => await semaphore.WaitAsync(source.Token), "B");
                LoopTask releaser = loop.CreateTask(async _ => { await Task.Yield(); semaphore.Release(); }, "A");
                await releaser;
                await waiter;
            }));
        // Reported at the end of the releaser's step, which queued the waiter's internal continuation (held, never run).
        messages.Distinct().ShouldHaveSingleItem().ShouldContain("task A queued work to the thread pool in a step");
        messages[0].ShouldContain("SemaphoreSlim");
    }
}
