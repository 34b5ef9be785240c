using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>Running, stopping and closing (asyncio-model.md section 2), run against every loop implementation.</summary>
public abstract class BaseEventLoopRunningTests
{
    protected abstract BaseEventLoop CreateLoop();

    [Fact]
    public void Stop_BeforeRunForever_RunsExactlyOneIteration()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        loop.CallSoon(() =>
        {
            order.Add("first");
            loop.CallSoon(() => order.Add("next iteration"));
        });
        loop.Stop();
        loop.RunForever();
        order.ShouldBe(["first"]);
        loop.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public void Stop_FromCallback_FinishesTheCurrentIteration()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        loop.CallSoon(() => { order.Add("a"); loop.Stop(); loop.CallSoon(() => order.Add("later")); });
        loop.CallSoon(() => order.Add("b"));
        loop.RunForever();
        order.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void RunForever_AfterStop_CanRunAgain()
    {
        BaseEventLoop loop = CreateLoop();
        var order = new List<string>();
        loop.CallSoon(() => { order.Add("a"); loop.Stop(); loop.CallSoon(() => { order.Add("b"); loop.Stop(); }); });
        loop.RunForever();
        loop.RunForever();
        order.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void IsRunning_InsideCallback_IsTrue()
    {
        BaseEventLoop loop = CreateLoop();
        bool running = false;
        BaseEventLoop? current = null;
        loop.CallSoon(() => { running = loop.IsRunning; current = BaseEventLoop.Running; loop.Stop(); });
        loop.RunForever();
        running.ShouldBeTrue();
        current.ShouldBeSameAs(loop);
        BaseEventLoop.Running.ShouldBeNull();
    }

    [Fact]
    public void RunForever_WhileRunning_ThrowsAlreadyRunning()
    {
        BaseEventLoop loop = CreateLoop();
        Exception? error = null;
        loop.CallSoon(() => { error = Record(loop.RunForever); loop.Stop(); });
        loop.RunForever();
        error.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("already running");
    }

    [Fact]
    public void RunForever_OfAnotherLoopInsideARunningLoop_Throws()
    {
        BaseEventLoop loop = CreateLoop();
        BaseEventLoop other = CreateLoop();
        Exception? error = null;
        loop.CallSoon(() => { error = Record(other.RunForever); loop.Stop(); });
        loop.RunForever();
        error.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("Cannot run the event loop while another loop is running");
        other.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public void RunUntilComplete_FutureOfAnotherLoop_ThrowsArgumentException()
    {
        BaseEventLoop loop = CreateLoop();
        BaseEventLoop other = CreateLoop();
        LoopFuture<int> foreign = other.CreateFuture<int>();
        var ex = Should.Throw<ArgumentException>(() => loop.RunUntilComplete(foreign));
        ex.ParamName.ShouldBe("future");
    }

    [Fact]
    public void RunUntilComplete_NullFuture_ThrowsArgumentNull()
    {
        BaseEventLoop loop = CreateLoop();
        Should.Throw<ArgumentNullException>(() => loop.RunUntilComplete((LoopFuture<int>)null!));
    }

    [Fact]
    public void RunUntilComplete_FutureCompletedByCallback_ReturnsResultAndStops()
    {
        BaseEventLoop loop = CreateLoop();
        LoopFuture<int> future = loop.CreateFuture<int>();
        loop.CallLater(2, () => future.SetResult(42));
        bool laterRan = false;
        loop.CallLater(3, () => laterRan = true);
        loop.RunUntilComplete(future).ShouldBe(42);
        loop.IsRunning.ShouldBeFalse();
        laterRan.ShouldBeFalse();
        loop.Time.ShouldBe(2);
    }

    [Fact]
    public void RunUntilComplete_FutureFailed_ThrowsItsException()
    {
        BaseEventLoop loop = CreateLoop();
        LoopFuture<int> future = loop.CreateFuture<int>();
        loop.CallSoon(() => future.SetException(new FormatException("bad")));
        Should.Throw<FormatException>(() => loop.RunUntilComplete(future)).Message.ShouldBe("bad");
    }

    [Fact]
    public void RunUntilComplete_AlreadyDoneFuture_ReturnsWithoutRunning()
    {
        BaseEventLoop loop = CreateLoop();
        LoopFuture<string> future = loop.CreateFuture<string>();
        future.SetResult("done");
        loop.RunUntilComplete(future).ShouldBe("done");
    }

    [Fact]
    public void RunUntilComplete_LoopStoppedFirst_ThrowsStoppedBeforeFutureCompleted()
    {
        BaseEventLoop loop = CreateLoop();
        LoopFuture<int> future = loop.CreateFuture<int>();
        loop.CallLater(1, loop.Stop);
        loop.CallLater(2, () => future.SetResult(1));
        Should.Throw<InvalidOperationException>(() => loop.RunUntilComplete(future))
            .Message.ShouldBe("Event loop stopped before Future completed.");
    }

    [Fact]
    public void Close_WhileRunning_IsRefused()
    {
        BaseEventLoop loop = CreateLoop();
        Exception? error = null;
        loop.CallSoon(() => { error = Record(loop.Close); loop.Stop(); });
        loop.RunForever();
        error.ShouldBeOfType<InvalidOperationException>();
        loop.IsClosed.ShouldBeFalse();
    }

    [Fact]
    public void Close_Twice_IsIdempotent()
    {
        BaseEventLoop loop = CreateLoop();
        loop.Close();
        loop.Close();
        loop.IsClosed.ShouldBeTrue();
    }

    [Fact]
    public void Close_DropsPendingCallbacksAndTimers()
    {
        BaseEventLoop loop = CreateLoop();
        loop.CallSoon(() => { });
        loop.CallLater(1, () => { });
        loop.Close();
        loop.ReadyCount.ShouldBe(0);
        loop.TimerCount.ShouldBe(0);
    }

    public static TheoryData<string> ClosedOperations() =>
    [
        "CallSoon", "CallSoonWithState", "CallLater", "CallLaterTimeSpan", "CallAt", "CallSoonThreadSafe",
        "CreateTask", "CreateTaskOfT", "CreateFuture", "RunForever", "RunUntilCompleteFuture", "RunUntilCompleteBody",
    ];

    [Theory]
    [MemberData(nameof(ClosedOperations))]
    public void Operation_AfterClose_ThrowsEventLoopIsClosed(string operation)
    {
        BaseEventLoop loop = CreateLoop();
        LoopFuture<int> future = loop.CreateFuture<int>();
        loop.Close();
        Action call = operation switch
        {
            "CallSoon" => () => loop.CallSoon(() => { }),
            "CallSoonWithState" => () => loop.CallSoon(_ => { }, null),
            "CallLater" => () => loop.CallLater(1, () => { }),
            "CallLaterTimeSpan" => () => loop.CallLater(TimeSpan.FromSeconds(1), () => { }),
            "CallAt" => () => loop.CallAt(1, () => { }),
            "CallSoonThreadSafe" => () => loop.CallSoonThreadSafe(() => { }),
            "CreateTask" => () => loop.CreateTask(_ => Task.CompletedTask),
            "CreateTaskOfT" => () => loop.CreateTask(_ => Task.FromResult(1)),
            "CreateFuture" => () => loop.CreateFuture<int>(),
            "RunForever" => loop.RunForever,
            "RunUntilCompleteFuture" => () => loop.RunUntilComplete(future),
            "RunUntilCompleteBody" => () => loop.RunUntilComplete(_ => Task.CompletedTask),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        Should.Throw<InvalidOperationException>(call).Message.ShouldContain("Event loop is closed");
    }

    [Fact]
    public void Time_BeforeRunning_IsZero()
    {
        BaseEventLoop loop = CreateLoop();
        loop.Time.ShouldBe(0);
        loop.IsRunning.ShouldBeFalse();
        loop.IsClosed.ShouldBeFalse();
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

public sealed class SimulatedEventLoopRunningTests : BaseEventLoopRunningTests
{
    protected override BaseEventLoop CreateLoop() => new SimulatedEventLoop();
}

public sealed class TestLoopRunningTests : BaseEventLoopRunningTests
{
    protected override BaseEventLoop CreateLoop() => new TestLoop();
}
