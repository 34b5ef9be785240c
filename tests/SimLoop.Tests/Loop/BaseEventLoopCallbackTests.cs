using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>Callbacks and timers (asyncio-model.md sections 1 and 2), run against every loop implementation.</summary>
public abstract class BaseEventLoopCallbackTests
{
    protected abstract BaseEventLoop CreateLoop();

    [Fact]
    public void CallSoon_SeveralCallbacks_RunInFifoOrder()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            int n = i;
            loop.CallSoon(() => order.Add(n));
        }

        loop.CallSoon(loop.Stop);
        loop.RunForever();
        order.ShouldBe([0, 1, 2, 3, 4]);
    }

    [Fact]
    public void CallSoon_FromCallback_RunsInNextIterationAfterAlreadyReady()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        loop.CallSoon(() =>
        {
            order.Add("a");
            loop.CallSoon(() => order.Add("c"));
        });
        loop.CallSoon(() => order.Add("b"));
        loop.CallLater(1, loop.Stop);
        loop.RunForever();
        order.ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void CallSoon_WithState_PassesState()
    {
        BaseEventLoop loop = CreateLoop();
        object? seen = null;
        loop.CallSoon(s => seen = s, "state");
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        seen.ShouldBe("state");
    }

    [Fact]
    public void CallLater_DifferentDelays_FireInDueOrderAtTheirTimes()
    {
        BaseEventLoop loop = CreateLoop();
        var fired = new List<(string Name, double Time)>();
        loop.CallLater(3, () => fired.Add(("c", loop.Time)));
        loop.CallLater(1, () => fired.Add(("a", loop.Time)));
        loop.CallLater(TimeSpan.FromSeconds(2), () => fired.Add(("b", loop.Time)));
        loop.CallLater(4, loop.Stop);
        loop.RunForever();
        fired.ShouldBe([("a", 1.0), ("b", 2.0), ("c", 3.0)]);
    }

    [Fact]
    public void CallAt_EqualDueTimes_FireInSchedulingOrder()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<int>();
        for (int i = 0; i < 10; i++)
        {
            int n = i;
            if (n % 2 == 0)
            {
                loop.CallAt(5, () => order.Add(n));
            }
            else
            {
                loop.CallLater(5, () => order.Add(n));
            }
        }

        loop.CallAt(6, loop.Stop);
        loop.RunForever();
        order.ShouldBe([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    [Fact]
    public void CallLater_NegativeDelay_FiresBeforeZeroAndPositiveDelays()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        loop.CallLater(1, () => order.Add("one"));
        loop.CallLater(0, () => order.Add("zero"));
        loop.CallLater(-1, () => order.Add("minus one"));
        loop.CallLater(2, loop.Stop);
        loop.RunForever();
        order.ShouldBe(["minus one", "zero", "one"]);
    }

    [Fact]
    public void CallLater_Delay_IsCallAtNowPlusDelay()
    {
        BaseEventLoop loop = CreateLoop();
        TimerHandle? later = null;
        loop.CallLater(2, () => later = loop.CallLater(1.5, () => { }));
        loop.CallLater(5, loop.Stop);
        loop.RunForever();
        later!.When.ShouldBe(3.5);
    }

    [Fact]
    public void CallSoon_ReadyCallbacks_RunBeforeTimersDueNow()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        loop.CallLater(0, () => order.Add("timer"));
        loop.CallSoon(() => order.Add("soon"));
        loop.CallLater(1, loop.Stop);
        loop.RunForever();
        order.ShouldBe(["soon", "timer"]);
    }

    [Fact]
    public void Handle_CancelledBeforeRunning_NeverRuns()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        Handle soon = loop.CallSoon(() => order.Add("soon"));
        TimerHandle timer = loop.CallLater(1, () => order.Add("timer"));
        loop.CallSoon(() => order.Add("kept"));
        soon.Cancel();
        timer.Cancel();
        loop.CallLater(2, loop.Stop);
        loop.RunForever();
        order.ShouldBe(["kept"]);
        soon.Cancelled.ShouldBeTrue();
        timer.Cancelled.ShouldBeTrue();
    }

    [Fact]
    public void Handle_CancelledByEarlierCallbackOfSameIteration_DoesNotRun()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        Handle? second = null;
        loop.CallSoon(() => { order.Add("first"); second!.Cancel(); });
        second = loop.CallSoon(() => order.Add("second"));
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        order.ShouldBe(["first"]);
    }

    [Fact]
    public void TimerHandle_ManyCancelled_HeapIsRebuiltWithoutThem_AtTheNextIteration()
    {
        BaseEventLoop loop = CreateLoop();
        var timers = new List<TimerHandle>();
        for (int i = 0; i < 200; i++)
        {
            timers.Add(loop.CallLater(10 + i, () => { }));
        }

        for (int i = 0; i < 150; i++)
        {
            timers[i].Cancel();
        }

        loop.TimerCount.ShouldBe(200); // asyncio cleans up at the start of an iteration, not at cancel time
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        loop.TimerCount.ShouldBe(50); // CPython's clean-up: more than 100 timers, more than half cancelled: only live ones remain
        loop.CancelledTimerCount.ShouldBe(0);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void CallLater_NonFiniteDelay_ThrowsNamingTheArgument(double delay)
    {
        BaseEventLoop loop = CreateLoop();
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => loop.CallLater(delay, () => { }));
        ex.ParamName.ShouldBe("delaySeconds");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void CallAt_NonFiniteTime_ThrowsNamingTheArgument(double when)
    {
        BaseEventLoop loop = CreateLoop();
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => loop.CallAt(when, () => { }));
        ex.ParamName.ShouldBe("whenSeconds");
    }

    [Fact]
    public void CallLater_InfiniteTimeSpan_ThrowsNamingTheArgument()
    {
        BaseEventLoop loop = CreateLoop();
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => loop.CallLater(Timeout.InfiniteTimeSpan, () => { }));
        ex.ParamName.ShouldBe("delay");
    }

    [Fact]
    public void CallSoon_NullCallback_ThrowsArgumentNull()
    {
        BaseEventLoop loop = CreateLoop();
        Should.Throw<ArgumentNullException>(() => loop.CallSoon(null!));
    }

    [Fact]
    public void CallSoonThreadSafe_FromAnotherThread_WakesTheIdleLoopAndRunsOnLoopThread()
    {
        BaseEventLoop loop = CreateLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        int ranOn = 0;
        Thread? poster = null;
        loop.CallSoon(() =>
        {
            poster = new Thread(() => loop.CallSoonThreadSafe(() =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                loop.Stop();
            }));
            poster.Start();
        });
        loop.RunForever();
        poster!.Join();
        ranOn.ShouldBe(loopThread);
    }
}

public sealed class SimulatedEventLoopCallbackTests : BaseEventLoopCallbackTests
{
    // The grace period only bounds how long the idle loop waits for the other thread; it ends as soon as work arrives.
    protected override BaseEventLoop CreateLoop() => new SimulatedEventLoop(new SimulationOptions { EscapeGracePeriod = TimeSpan.FromSeconds(30) });
}

public sealed class TestLoopCallbackTests : BaseEventLoopCallbackTests
{
    protected override BaseEventLoop CreateLoop() => new TestLoop();
}
