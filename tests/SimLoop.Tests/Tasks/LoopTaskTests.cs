using Shouldly;
using Xunit;

namespace SimLoop.Tests.Tasks;

/// <summary>Tasks and cancellation (asyncio-model.md section 5).</summary>
public sealed class LoopTaskTests
{
    private static readonly AsyncLocal<string?> s_local = new();
    private readonly SimulatedEventLoop _loop = new();

    [Fact]
    public void CreateTask_WithoutName_IsNamedTaskN()
    {
        LoopTask first = _loop.CreateTask(_ => Task.CompletedTask);
        LoopTask<int> second = _loop.CreateTask(_ => Task.FromResult(1));
        first.Name.ShouldBe("Task-1");
        second.Name.ShouldBe("Task-2");
    }

    [Fact]
    public void CreateTask_WithName_KeepsIt()
    {
        _loop.CreateTask(_ => Task.CompletedTask, "worker").Name.ShouldBe("worker");
    }

    [Fact]
    public void CreateTask_WithContext_RunsTheBodyInThatContext()
    {
        s_local.Value = "given";
        ExecutionContext context = ExecutionContext.Capture()!;
        s_local.Value = "creator";
        LoopTask<string?> task = _loop.CreateTask<string?>(_ => Task.FromResult<string?>(s_local.Value), context: context);
        _loop.RunUntilComplete(task).ShouldBe("given");
    }

    [Fact]
    public void CreateTask_WithoutContext_RunsInTheCreatorsContext()
    {
        s_local.Value = "creator";
        LoopTask<string?> task = _loop.CreateTask<string?>(_ => Task.FromResult<string?>(s_local.Value));
        s_local.Value = "changed later";
        _loop.RunUntilComplete(task).ShouldBe("creator");
    }

    [Fact]
    public void CreateTask_IsNotStartedUntilTheLoopRunsIt()
    {
        bool started = false;
        LoopTask task = _loop.CreateTask(_ => { started = true; return Task.CompletedTask; });
        started.ShouldBeFalse();
        task.DescribeWait().ShouldBe(new TaskWait(WaitKind.NotStarted, "not started"));
        _loop.RunUntilComplete(task);
        started.ShouldBeTrue();
    }

    [Fact]
    public void RunUntilComplete_TaskWithResult_ReturnsIt()
    {
        int result = _loop.RunUntilComplete(async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _loop.TimeProvider);
            return 21 * 2;
        });
        result.ShouldBe(42);
    }

    [Fact]
    public void RunUntilComplete_FailingTask_ThrowsTheBodysException()
    {
        Should.Throw<FormatException>(() => _loop.RunUntilComplete(async _ =>
        {
            await Task.Yield();
            throw new FormatException("bad body");
        })).Message.ShouldBe("bad body");
    }

    [Fact]
    public void Await_FailedTask_RethrowsInTheAwaiter()
    {
        string message = _loop.RunUntilComplete(async _ =>
        {
            LoopTask failing = _loop.CreateTask(_ => Task.FromException(new FormatException("inner")));
            try
            {
                await failing;
                return "no";
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
        });
        message.ShouldBe("inner");
    }

    [Fact]
    public void Cancel_TaskAwaitingLoopFuture_CancelsTheFutureAndEndsCancelledWithMessage()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        LoopTask<int> task = _loop.CreateTask(async _ => await future);
        _loop.CallLater(1, () => task.Cancel("stop it").ShouldBeTrue());
        Should.Throw<OperationCanceledException>(() => _loop.RunUntilComplete(task)).Message.ShouldBe("stop it");
        future.IsCancelled.ShouldBeTrue();
        task.IsCancelled.ShouldBeTrue();
        task.CancelMessage.ShouldBe("stop it");
    }

    [Fact]
    public void Cancel_TaskAwaitingDelayWithItsToken_EndsCancelledWithMessage()
    {
        LoopTask task = _loop.CreateTask(async ct => await Task.Delay(TimeSpan.FromHours(1), _loop.TimeProvider, ct));
        _loop.CallLater(1, () => task.Cancel("token"));
        Should.Throw<OperationCanceledException>(() => _loop.RunUntilComplete(task)).Message.ShouldBe("token");
        _loop.Time.ShouldBe(1);
        task.CancellationToken.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public void Cancel_BeforeFirstStep_NeverRunsTheBody()
    {
        bool ran = false;
        LoopTask task = _loop.CreateTask(_ => { ran = true; return Task.CompletedTask; });
        task.Cancel("early").ShouldBeTrue();
        Should.Throw<OperationCanceledException>(() => _loop.RunUntilComplete(task)).Message.ShouldBe("early");
        ran.ShouldBeFalse();
    }

    [Fact]
    public void Cancel_DoneTask_ReturnsFalse()
    {
        LoopTask task = _loop.CreateTask(_ => Task.CompletedTask);
        _loop.RunUntilComplete(task);
        task.Cancel().ShouldBeFalse();
        task.IsCancelled.ShouldBeFalse();
    }

    [Fact]
    public void Cancelling_CountsRequests_UncancelDecrements()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        LoopTask<int> task = _loop.CreateTask(async _ => await future);
        task.Cancelling().ShouldBe(0);
        task.Cancel();
        task.Cancel();
        task.Cancelling().ShouldBe(2);
        task.Uncancel().ShouldBe(1);
        task.Uncancel().ShouldBe(0);
        task.Uncancel().ShouldBe(0);
    }

    [Fact]
    public void Cancel_TaskCatchesTheCancellation_FinishesWithItsResult()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        LoopTask<string> task = _loop.CreateTask(async _ =>
        {
            try
            {
                await future;
                return "not cancelled";
            }
            catch (OperationCanceledException)
            {
                return "caught";
            }
        });
        _loop.CallSoon(() => task.Cancel());
        _loop.RunUntilComplete(task).ShouldBe("caught");
        task.IsCancelled.ShouldBeFalse();
    }

    [Fact]
    public void EagerTaskStart_OnRunningLoop_RunsFirstStepInsideCreateTask()
    {
        _loop.EagerTaskStart = true;
        var order = new List<string>();
        _loop.RunUntilComplete(async _ =>
        {
            ILoopTask? currentInEagerStep = null;
            LoopTask task = _loop.CreateTask(async _ =>
            {
                currentInEagerStep = _loop.CurrentTask;
                order.Add("first step");
                await Task.Yield();
                order.Add("second step");
            }, "eager");
            order.Add("after CreateTask");
            currentInEagerStep.ShouldBeSameAs(task);
            _loop.CurrentTask!.Name.ShouldBe("main");
            await task;
        });
        order.ShouldBe(["first step", "after CreateTask", "second step"]);
    }

    [Fact]
    public void EagerTaskStart_BodyCompletesSynchronously_TaskIsDoneAndNotListed()
    {
        _loop.EagerTaskStart = true;
        _loop.RunUntilComplete(_ =>
        {
            LoopTask<int> task = _loop.CreateTask(_ => Task.FromResult(3));
            task.IsDone.ShouldBeTrue();
            task.Result.ShouldBe(3);
            _loop.AllTasks().ShouldNotContain(task);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public void EagerTaskStart_LoopNotRunning_SchedulesTheFirstStep()
    {
        _loop.EagerTaskStart = true;
        bool ran = false;
        LoopTask task = _loop.CreateTask(_ => { ran = true; return Task.CompletedTask; });
        ran.ShouldBeFalse();
        _loop.RunUntilComplete(task);
        ran.ShouldBeTrue();
    }

    [Fact]
    public void Await_TaskOfAnotherLoop_IsAnError()
    {
        var other = new SimulatedEventLoop();
        LoopTask<int> foreign = other.CreateTask(_ => Task.FromResult(1));
        Should.Throw<InvalidOperationException>(() => _loop.RunUntilComplete(async _ => await foreign))
            .Message.ShouldContain("different loop");
    }

    [Fact]
    public void Await_Itself_IsAnError()
    {
        LoopTask? self = null;
        self = _loop.CreateTask(async _ =>
        {
            await Task.Yield();
            await self!;
        }, "selfish");
        Should.Throw<InvalidOperationException>(() => _loop.RunUntilComplete(self)).Message.ShouldContain("selfish cannot await itself");
    }

    [Fact]
    public void Close_TaskExceptionNeverRetrieved_IsReportedToTheHandler()
    {
        var contexts = new List<ExceptionContext>();
        _loop.SetExceptionHandler((_, c) => contexts.Add(c));
        LoopTask failing = _loop.CreateTask(_ => Task.FromException(new FormatException("lost")), "failing");
        LoopTask retrieved = _loop.CreateTask(_ => Task.FromException(new FormatException("seen")));
        _loop.RunFor(TimeSpan.Zero);
        retrieved.Exception.ShouldBeOfType<FormatException>();
        contexts.ShouldBeEmpty();
        _loop.Close();
        ExceptionContext context = contexts.ShouldHaveSingleItem();
        context.Message.ShouldBe("Task exception was never retrieved");
        context.Exception.ShouldBeOfType<FormatException>().Message.ShouldBe("lost");
        context.Task.ShouldBeSameAs(failing);
    }

    [Fact]
    public void Close_SimulatedLoopWithDefaultHandler_FailsWithUnhandledLoopException()
    {
        _loop.CreateTask(_ => Task.FromException(new FormatException("lost")), "failing");
        _loop.RunFor(TimeSpan.Zero);
        Should.Throw<UnhandledLoopException>(_loop.Close).Message.ShouldContain("Task exception was never retrieved");
        _loop.IsClosed.ShouldBeTrue();
    }

    [Fact]
    public void ToString_NamesTheTaskAndItsState()
    {
        LoopTask task = _loop.CreateTask(_ => Task.CompletedTask, "shown");
        task.ToString().ShouldContain("shown");
        task.ToString().ShouldContain("pending");
        _loop.RunUntilComplete(task);
        task.ToString().ShouldContain("finished");
    }
}
