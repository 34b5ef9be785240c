using Shouldly;
using Xunit;

namespace SimLoop.Tests.Time;

/// <summary>The loop's <see cref="TimeProvider"/> and the .NET time APIs that accept one.</summary>
public sealed class LoopTimeProviderTests
{
    private static readonly DateTimeOffset s_start = new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly AsyncLocal<string?> s_local = new();
    private readonly SimulatedEventLoop _loop = new(new SimulationOptions { StartTime = s_start });

    private TimeProvider Tp => _loop.TimeProvider;

    [Fact]
    public void GetUtcNow_AtStart_IsTheConfiguredStartTime()
    {
        Tp.GetUtcNow().ShouldBe(s_start);
        Tp.LocalTimeZone.ShouldBe(TimeZoneInfo.Utc);
    }

    [Fact]
    public void GetUtcNow_DefaultStart_Is2000()
    {
        new SimulatedEventLoop().TimeProvider.GetUtcNow().ShouldBe(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void GetTimestamp_AfterRunFor_MovesByTheVirtualDurationAtTheStatedFrequency()
    {
        long before = Tp.GetTimestamp();
        _loop.RunFor(TimeSpan.FromMinutes(90));
        long after = Tp.GetTimestamp();
        Tp.TimestampFrequency.ShouldBe(TimeSpan.TicksPerSecond);
        (after - before).ShouldBe(TimeSpan.FromMinutes(90).Ticks);
        Tp.GetElapsedTime(before, after).ShouldBe(TimeSpan.FromMinutes(90));
        Tp.GetUtcNow().ShouldBe(s_start.AddMinutes(90));
        _loop.Time.ShouldBe(5400);
    }

    [Fact]
    public void CreateTimer_OneShot_FiresOnceAtItsDueTimeSeeingThatTime()
    {
        var seen = new List<DateTimeOffset>();
        using ITimer timer = Tp.CreateTimer(_ => seen.Add(Tp.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        _loop.RunFor(TimeSpan.FromSeconds(60));
        seen.ShouldBe([s_start.AddSeconds(5)]);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresAtEveryPeriodWithoutDrift()
    {
        var seen = new List<double>();
        using ITimer timer = Tp.CreateTimer(_ => seen.Add(_loop.Time), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        _loop.RunFor(TimeSpan.FromSeconds(8));
        seen.ShouldBe([1, 3, 5, 7]);
    }

    [Fact]
    public void CreateTimer_PassesItsState()
    {
        object? state = null;
        using ITimer timer = Tp.CreateTimer(s => state = s, "state", TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        _loop.RunFor(TimeSpan.Zero);
        state.ShouldBe("state");
    }

    [Fact]
    public void CreateTimer_ZeroDue_FiresWithoutMovingTheClock()
    {
        double? at = null;
        using ITimer timer = Tp.CreateTimer(_ => at = _loop.Time, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        _loop.RunFor(TimeSpan.Zero);
        at.ShouldBe(0);
    }

    [Fact]
    public void CreateTimer_InfiniteDue_NeverFires()
    {
        int fired = 0;
        using ITimer timer = Tp.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(1));
        _loop.RunFor(TimeSpan.FromHours(1));
        fired.ShouldBe(0);
    }

    [Fact]
    public void Change_Reschedules_FromNow()
    {
        var seen = new List<double>();
        ITimer timer = Tp.CreateTimer(_ => seen.Add(_loop.Time), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        _loop.RunFor(TimeSpan.FromSeconds(4));
        timer.Change(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)).ShouldBeTrue();
        _loop.RunFor(TimeSpan.FromSeconds(5.5));
        seen.ShouldBe([7, 8, 9]);
    }

    [Fact]
    public void Change_InfiniteDue_StopsTheTimer()
    {
        int fired = 0;
        ITimer timer = Tp.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _loop.RunFor(TimeSpan.FromSeconds(2.5));
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan).ShouldBeTrue();
        _loop.RunFor(TimeSpan.FromSeconds(10));
        fired.ShouldBe(2);
    }

    [Fact]
    public void Change_FromItsOwnCallback_TakesEffect()
    {
        var seen = new List<double>();
        ITimer? timer = null;
        timer = Tp.CreateTimer(_ =>
        {
            seen.Add(_loop.Time);
            if (seen.Count == 2)
            {
                timer!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _loop.RunFor(TimeSpan.FromSeconds(30));
        seen.ShouldBe([1, 2, 12]);
    }

    [Fact]
    public void Change_NegativeDue_ThrowsNamingTheArgument()
    {
        using ITimer timer = Tp.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Should.Throw<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromSeconds(-1), TimeSpan.Zero)).ParamName.ShouldBe("dueTime");
        Should.Throw<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.Zero, TimeSpan.FromSeconds(-1))).ParamName.ShouldBe("period");
    }

    [Fact]
    public void Dispose_StopsTheTimerAndChangeReturnsFalse()
    {
        int fired = 0;
        ITimer timer = Tp.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _loop.RunFor(TimeSpan.FromSeconds(1.5));
        timer.Dispose();
        timer.Change(TimeSpan.Zero, TimeSpan.Zero).ShouldBeFalse();
        _loop.RunFor(TimeSpan.FromSeconds(10));
        fired.ShouldBe(1);
    }

    [Fact]
    public void CreateTimer_Callback_RunsInTheCreatorsExecutionContext()
    {
        s_local.Value = "creator";
        string? seen = null;
        using ITimer timer = Tp.CreateTimer(_ => seen = s_local.Value, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        s_local.Value = "changed";
        _loop.RunFor(TimeSpan.FromSeconds(2));
        seen.ShouldBe("creator");
    }

    [Fact]
    public void CreateTimer_SeveralDueInOneAdvance_EachSeesItsOwnDueTime()
    {
        var seen = new List<(int, DateTimeOffset, long)>();
        var timers = new List<ITimer>();
        for (int i = 3; i >= 1; i--)
        {
            int n = i;
            timers.Add(Tp.CreateTimer(_ => seen.Add((n, Tp.GetUtcNow(), Tp.GetTimestamp())), null, TimeSpan.FromMilliseconds(n * 100), Timeout.InfiniteTimeSpan));
        }

        _loop.RunFor(TimeSpan.FromSeconds(1));
        seen.ShouldBe([
            (1, s_start.AddMilliseconds(100), TimeSpan.FromMilliseconds(100).Ticks),
            (2, s_start.AddMilliseconds(200), TimeSpan.FromMilliseconds(200).Ticks),
            (3, s_start.AddMilliseconds(300), TimeSpan.FromMilliseconds(300).Ticks),
        ]);
    }

    [Fact]
    public void TaskDelay_WithProvider_CompletesAtTheVirtualTime()
    {
        double at = _loop.RunUntilComplete(async ct =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1500), Tp, ct);
            return _loop.Time;
        });
        at.ShouldBe(1.5);
    }

    [Fact]
    public void WaitAsync_WithProvider_TimesOutWithTimeoutExceptionAtTheVirtualTime()
    {
        var never = new TaskCompletionSource();
        (string error, double at) = _loop.RunUntilComplete(async _ =>
        {
            try
            {
                await never.Task.WaitAsync(TimeSpan.FromSeconds(30), Tp);
                return ("none", _loop.Time);
            }
            catch (TimeoutException ex)
            {
                return (ex.GetType().Name, _loop.Time);
            }
        });
        error.ShouldBe(nameof(TimeoutException));
        at.ShouldBe(30);
    }

    [Fact]
    public void WaitAsync_CompletedInTime_ReturnsTheResult()
    {
        int result = _loop.RunUntilComplete(async _ =>
        {
            LoopTask<int> work = _loop.CreateTask(async ct => { await Task.Delay(TimeSpan.FromSeconds(1), Tp, ct); return 7; });
            return await work.AsTask().WaitAsync(TimeSpan.FromSeconds(5), Tp);
        });
        result.ShouldBe(7);
        _loop.Time.ShouldBe(1);
    }

    [Fact]
    public void CancellationTokenSource_WithProvider_CancelsAtTheVirtualTime()
    {
        double at = _loop.RunUntilComplete(async _ =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(12), Tp);
            var cancelled = _loop.CreateFuture<double>();
            cts.Token.Register(() => cancelled.TrySetResult(_loop.Time));
            return await cancelled;
        });
        at.ShouldBe(12);
    }

    [Fact]
    public void PeriodicTimer_WithProvider_TicksAtExactVirtualTimes()
    {
        var ticks = new List<double>();
        _loop.RunUntilComplete(async _ =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3), Tp);
            for (int i = 0; i < 4 && await timer.WaitForNextTickAsync(); i++)
            {
                ticks.Add(_loop.Time);
            }
        });
        ticks.ShouldBe([3, 6, 9, 12]);
    }

    [Fact]
    public void Delay_Continuations_RunBeforeTheClockMovesToTheNextTimer()
    {
        var order = new List<(string, double)>();
        _loop.CreateTask(async ct =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Tp, ct);
            order.Add(("after delay", _loop.Time));
            await Task.Yield();
            order.Add(("after yield", _loop.Time));
        });
        _loop.CallAtTicks(TimeSpan.FromSeconds(1).Ticks + 1, _ => order.Add(("next timer", _loop.Time)), null);
        _loop.RunFor(TimeSpan.FromSeconds(2));
        order.ShouldBe([("after delay", 1.0), ("after yield", 1.0), ("next timer", 1.0000001)]);
    }

    [Fact]
    public void RunFor_WhenItReturns_ContinuationsAtTheTargetTimeHaveRun()
    {
        var reached = new List<string>();
        _loop.CreateTask(async ct =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Tp, ct);
            reached.Add("delay");
            await Task.Yield();
            await Task.Yield();
            reached.Add("two yields later");
        });
        _loop.RunFor(TimeSpan.FromSeconds(1));
        reached.ShouldBe(["delay", "two yields later"]);
        _loop.Time.ShouldBe(1);
    }

    [Fact]
    public void RunFor_TimerCreatedAfterAnAdvance_IsNotMissed()
    {
        _loop.RunFor(TimeSpan.FromSeconds(10));
        double? at = null;
        using ITimer timer = Tp.CreateTimer(_ => at = _loop.Time, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        _loop.RunFor(TimeSpan.FromSeconds(1));
        at.ShouldBe(11);
    }

    [Fact]
    public void RunFor_NestedFromATimerCallback_AdvancesFurther()
    {
        var seen = new List<(string, double)>();
        using ITimer inner = Tp.CreateTimer(_ => seen.Add(("inner", _loop.Time)), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using ITimer outer = Tp.CreateTimer(_ =>
        {
            seen.Add(("outer", _loop.Time));
            _loop.RunFor(TimeSpan.FromSeconds(5));
            seen.Add(("outer after nested", _loop.Time));
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        _loop.RunFor(TimeSpan.FromSeconds(10));
        seen.ShouldBe([("outer", 1.0), ("inner", 3.0), ("outer after nested", 6.0)]);
        _loop.Time.ShouldBe(10);
    }

    [Fact]
    public void RunFor_FromATaskStep_IsRefused()
    {
        Should.Throw<InvalidOperationException>(() => _loop.RunUntilComplete(_ =>
        {
            _loop.RunFor(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        })).Message.ShouldContain("inside a step of task main");
    }

    [Fact]
    public void RunFor_NegativeDuration_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => _loop.RunFor(TimeSpan.FromSeconds(-1))).ParamName.ShouldBe("duration");
    }
}
