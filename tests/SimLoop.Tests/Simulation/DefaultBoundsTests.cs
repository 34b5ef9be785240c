using System.Net.Sockets;
using Shouldly;
using SimLoop.Exploration;
using SimLoop.Hosts;
using Xunit;

namespace SimLoop.Tests.Simulation;

using Simulation = SimLoop.Simulation;

/// <summary>
/// With default options a runaway run ends by itself (issue: Simulation.Run has the same safe bounds as Explore).
/// Each run is also bounded in real time here, so that a regression fails instead of hanging the suite.
/// </summary>
public sealed class DefaultBoundsTests
{
    private static readonly TimeSpan s_realTimeBound = TimeSpan.FromSeconds(60);

    private static SimulationRun RunBounded(Func<SimulatedEventLoop, CancellationToken, Task> body)
    {
        Task<SimulationRun> run = Task.Factory.StartNew(() => Simulation.Run(0, body), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        run.Wait(s_realTimeBound).ShouldBeTrue("the run did not end by itself");
        return run.Result;
    }

    [Fact]
    public void SpinningOnYield_EndsAtTheDefaultStepBound_SayingWhichBoundAndHowToRaiseIt()
    {
        SimulationRun run = RunBounded(async (loop, ct) =>
        {
            while (true)
            {
                await Task.Yield();
            }
        });
        run.Failure.ShouldBeOfType<SimulationLimitException>().Message.ShouldContain($"{SimulationOptions.DefaultMaxSteps} steps");
        run.Failure.Message.ShouldContain("SimulationOptions.MaxSteps");
    }

    [Fact]
    public void EndlessDelayLoop_EndsAtTheDefaultStepBound()
    {
        SimulationRun run = RunBounded(async (loop, ct) =>
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct);
            }
        });
        run.Failure.ShouldBeOfType<SimulationLimitException>();
    }

    [Fact]
    public void SelfReschedulingCallLater_EndsAtTheDefaultStepBound()
    {
        SimulationRun run = RunBounded(async (loop, ct) =>
        {
            void Again() => loop.CallLater(TimeSpan.FromSeconds(1), Again);
            Again();
            await loop.CreateFuture<bool>();
        });
        run.Failure.ShouldBeOfType<SimulationLimitException>();
    }

    [Fact]
    public void PeriodicTimerForever_EndsAtTheDefaultStepBound()
    {
        SimulationRun run = RunBounded(async (loop, ct) =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), loop.TimeProvider);
            while (await timer.WaitForNextTickAsync(ct))
            {
            }
        });
        run.Failure.ShouldBeOfType<SimulationLimitException>();
    }

    [Fact]
    public void ConnectAcrossAPartition_EndsWithTheConnectsSocketException()
    {
        SimulationRun run = RunBounded(async (loop, ct) =>
        {
            SimulatedHost server = loop.AddHost("server", async (host, c) => await (await host.StartServerAsync((s, t) => Task.CompletedTask, 80)).WaitClosedAsync());
            SimulatedHost client = loop.AddHost("client");
            loop.Network.Partition(["server"], ["client"]);
            await client.Spawn(async c => await client.OpenConnectionAsync("server", 80, c));
        });
        var error = run.Failure.ShouldBeOfType<SocketException>();
        error.SocketErrorCode.ShouldBe(SocketError.TimedOut);
        run.VirtualTime.ShouldBeLessThan(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void InfiniteDelayOnTheLoopsProvider_IsAnOrdinaryWait_ADeadlockWhenNothingElseCanHappen()
    {
        var loop = new SimulatedEventLoop();
        var error = Should.Throw<DeadlockException>(() => loop.RunUntilComplete(async ct =>
            await Task.Delay(Timeout.InfiniteTimeSpan, loop.TimeProvider, ct)));
        error.PendingTasks.ShouldHaveSingleItem().ShouldContain("Timeout.InfiniteTimeSpan");
    }

    [Fact]
    public void InfiniteDelayOnTheLoopsProvider_EndsWhenItsTokenIsCancelled()
    {
        var loop = new SimulatedEventLoop();
        bool cancelled = loop.RunUntilComplete(async ct =>
        {
            using var source = new CancellationTokenSource(TimeSpan.FromSeconds(3), loop.TimeProvider);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, loop.TimeProvider, source.Token);
                return false;
            }
            catch (OperationCanceledException)
            {
                return loop.Clock.Elapsed == TimeSpan.FromSeconds(3);
            }
        });
        cancelled.ShouldBeTrue();
    }

    [Fact]
    public void StartTime_WithNoRoomForTheClock_IsRejectedWhenTheLoopIsCreated()
    {
        var options = new SimulationOptions { StartTime = DateTimeOffset.MaxValue };
        Should.Throw<OptionsValidationException>(() => new SimulatedEventLoop(options)).Message.ShouldContain("options.StartTime must leave the virtual clock room to move");
        options.StartTime = SimulationOptions.LatestStartTime;
        var loop = new SimulatedEventLoop(options);
        loop.RunFor(TimeSpan.FromDays(365));
        loop.TimeProvider.GetUtcNow().ShouldBe(SimulationOptions.LatestStartTime.AddDays(365));
    }

    [Fact]
    public void TimersDuePastTheEndOfVirtualTime_NeverFire_AndRunForForeverStopsShortOfThem()
    {
        var loop = new SimulatedEventLoop();
        bool fired = false;
        loop.CallLater(TimeSpan.MaxValue, () => fired = true);
        loop.CallLater(TimeSpan.FromSeconds(1), () => { });
        loop.RunFor(TimeSpan.MaxValue);
        fired.ShouldBeFalse();
        loop.Clock.Elapsed.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void TimerJitter_OfTimeSpanMaxValue_SaturatesInsteadOfVanishing()
    {
        var fireTimes = new List<TimeSpan>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, TimerJitter = TimeSpan.MaxValue });
            loop.CallLater(TimeSpan.FromSeconds(1), () => fireTimes.Add(loop.Clock.Elapsed));
            loop.RunFor(TimeSpan.FromDays(3650));
        }

        // Jitter is drawn from [0, the end of time]: a timer fires later than asked, or never; it never wraps around
        // to fire early, and jitter is not silently dropped (which would fire every timer at exactly 1 s).
        fireTimes.ShouldAllBe(t => t >= TimeSpan.FromSeconds(1));
        fireTimes.ShouldNotContain(TimeSpan.FromSeconds(1));
    }
}
