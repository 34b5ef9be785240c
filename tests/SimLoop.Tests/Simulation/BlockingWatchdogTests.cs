using Shouldly;
using Xunit;

namespace SimLoop.Tests.Simulation;

/// <summary>The per-loop blocking-step watchdog, alone (its checks driven directly) and with its own thread.</summary>
public sealed class BlockingWatchdogTests
{
    [Fact]
    public void Check_SameStepPastTheTimeout_InterruptsTheLoopThreadAndStepEndedReportsIt()
    {
        long step = 7;
        using var watchdog = new BlockingWatchdog(TimeSpan.FromMilliseconds(100), () => step);
        Exception? seen = null;
        bool ended = false;
        var loopThread = new Thread(() =>
        {
            watchdog.StepStarting();
            try
            {
                Thread.Sleep(Timeout.Infinite); // the blocked step
            }
            catch (ThreadInterruptedException ex)
            {
                seen = ex;
            }

            ended = watchdog.StepEnded();
        });
        loopThread.Start();
        SpinWait.SpinUntil(() => loopThread.ThreadState.HasFlag(ThreadState.WaitSleepJoin));

        watchdog.Check(loopThread, nowMs: 1_000); // first sight of step 7
        watchdog.Check(loopThread, nowMs: 1_099); // not yet
        loopThread.IsAlive.ShouldBeTrue();
        watchdog.Check(loopThread, nowMs: 1_100); // the timeout: interrupt
        loopThread.Join();

        seen.ShouldBeOfType<ThreadInterruptedException>();
        ended.ShouldBeTrue();
    }

    [Fact]
    public void Check_ANewStepEachTime_NeverInterrupts()
    {
        long step = 0;
        using var watchdog = new BlockingWatchdog(TimeSpan.FromMilliseconds(10), () => step);
        watchdog.StepStarting();
        for (long now = 0; now < 1_000; now += 50)
        {
            step++;
            watchdog.Check(Thread.CurrentThread, now);
        }

        watchdog.StepEnded().ShouldBeFalse();
    }

    [Fact]
    public void Check_StepEndsWhileTheWatchdogClaimsIt_WithdrawsTheClaimWithoutAnInterrupt()
    {
        int reads = 0;
        using var watchdog = new BlockingWatchdog(TimeSpan.FromMilliseconds(10), () => reads++ < 2 ? 7 : 8); // the third read: the loop moved on
        watchdog.StepStarting();
        watchdog.Check(Thread.CurrentThread, 0);
        watchdog.Check(Thread.CurrentThread, 1_000); // the timeout: claims step 7, looks again, finds step 8
        watchdog.StepEnded().ShouldBeFalse();
        Should.NotThrow(() => Thread.Sleep(0)); // no interrupt is pending on this thread
        reads.ShouldBe(3);
    }

    [Fact]
    public void Check_BetweenSteps_NeverInterrupts()
    {
        using var watchdog = new BlockingWatchdog(TimeSpan.FromMilliseconds(10), () => 1);
        watchdog.StepStarting();
        watchdog.StepEnded().ShouldBeFalse();
        watchdog.Check(Thread.CurrentThread, 0);
        watchdog.Check(Thread.CurrentThread, 1_000);
        watchdog.StepEnded().ShouldBeFalse();
    }

    [Fact]
    public void StartAndDispose_TheWatchdogThreadWatchesTheRunUntilItStops()
    {
        var watchdog = new BlockingWatchdog(TimeSpan.FromSeconds(1), () => 0);
        watchdog.IsWatching.ShouldBeFalse();
        watchdog.Start(Thread.CurrentThread);
        watchdog.IsWatching.ShouldBeTrue();
        watchdog.Stop();
        watchdog.IsWatching.ShouldBeFalse();
        watchdog.Start(Thread.CurrentThread);
        watchdog.Dispose();
        watchdog.IsWatching.ShouldBeFalse();
        Should.Throw<ObjectDisposedException>(() => watchdog.Start(Thread.CurrentThread));
    }

    [Fact]
    public void ManyLoopsOneAfterAnother_ShareOneWatchdogThread()
    {
        // One run stays on, so the shared thread cannot reach its idle linger and exit: every other watchdog started
        // meanwhile (as an exploration starts a loop per iteration) must reuse it, not start a thread of its own.
        using var keeper = new BlockingWatchdog(TimeSpan.FromSeconds(5), () => 0);
        keeper.Start(Thread.CurrentThread);
        int started = WatchdogThread.ThreadsStarted;
        for (int i = 0; i < 50; i++)
        {
            using var iteration = new BlockingWatchdog(TimeSpan.FromSeconds(5), () => 0);
            iteration.Start(Thread.CurrentThread);
            iteration.IsWatching.ShouldBeTrue();
            iteration.Stop();
        }

        WatchdogThread.ThreadsStarted.ShouldBe(started);
        keeper.Stop();
    }

    [Fact]
    public void Constructor_NonPositiveTimeout_IsRejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new BlockingWatchdog(TimeSpan.Zero, () => 0)).ParamName.ShouldBe("timeout");
    }

    [Fact]
    public void TwoLoops_EachHasItsOwnWatchdog_AndABlockedStepFailsOnlyItsOwnRun()
    {
        var options = new SimulationOptions { BlockingStepTimeout = TimeSpan.FromMilliseconds(50) };
        var blocked = new SimulatedEventLoop(options);
        var calm = new SimulatedEventLoop(options);
        Should.Throw<UncontrolledConcurrencyException>(() => blocked.RunUntilComplete(_ =>
        {
            Thread.Sleep(Timeout.Infinite);
            return Task.CompletedTask;
        })).Message.ShouldContain("blocked for more than");
        calm.RunUntilComplete(async _ => await Task.Delay(TimeSpan.FromSeconds(1), calm.TimeProvider));
        calm.Clock.Elapsed.ShouldBe(TimeSpan.FromSeconds(1));
        calm.Close();
    }
}
