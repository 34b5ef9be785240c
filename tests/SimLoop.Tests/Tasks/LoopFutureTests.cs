using Shouldly;
using Xunit;

namespace SimLoop.Tests.Tasks;

/// <summary>Futures (asyncio-model.md section 5).</summary>
public sealed class LoopFutureTests
{
    private readonly SimulatedEventLoop _loop = new();

    [Fact]
    public void Result_Pending_ThrowsInvalidOperation()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        Should.Throw<InvalidOperationException>(() => future.Result);
        future.IsDone.ShouldBeFalse();
    }

    [Fact]
    public void Exception_Pending_ThrowsInvalidOperation()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        Should.Throw<InvalidOperationException>(() => future.Exception);
    }

    [Fact]
    public void Result_Cancelled_ThrowsOperationCanceledWithTheMessage()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        future.Cancel("shutting down").ShouldBeTrue();
        future.IsCancelled.ShouldBeTrue();
        future.IsDone.ShouldBeTrue();
        future.CancelMessage.ShouldBe("shutting down");
        Should.Throw<OperationCanceledException>(() => future.Result).Message.ShouldBe("shutting down");
        Should.Throw<OperationCanceledException>(() => future.Exception).Message.ShouldBe("shutting down");
    }

    [Fact]
    public void Cancel_Done_ReturnsFalse()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        future.SetResult(1);
        future.Cancel().ShouldBeFalse();
        future.IsCancelled.ShouldBeFalse();
        future.Result.ShouldBe(1);
    }

    [Fact]
    public void SetResult_Twice_ThrowsInvalidOperation()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        future.SetResult(1);
        Should.Throw<InvalidOperationException>(() => future.SetResult(2));
        future.Result.ShouldBe(1);
    }

    [Fact]
    public void SetException_AfterResult_ThrowsInvalidOperation()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        future.SetResult(1);
        Should.Throw<InvalidOperationException>(() => future.SetException(new FormatException()));
    }

    [Fact]
    public void SetResult_AfterCancel_ThrowsInvalidOperation()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        future.Cancel();
        Should.Throw<InvalidOperationException>(() => future.SetResult(1));
        future.TrySetResult(1).ShouldBeFalse();
    }

    [Fact]
    public void SetException_Exception_IsThrownByResultAndReturnedByException()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        var error = new FormatException("bad");
        future.SetException(error);
        future.Exception.ShouldBeSameAs(error);
        Should.Throw<FormatException>(() => future.Result).ShouldBeSameAs(error);
    }

    [Fact]
    public void SetException_OperationCanceled_CancelsTheFuture()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        future.SetException(new OperationCanceledException("stop"));
        future.IsCancelled.ShouldBeTrue();
        Should.Throw<OperationCanceledException>(() => future.Result).Message.ShouldBe("stop");
    }

    [Fact]
    public void Exception_WithResult_IsNull()
    {
        LoopFuture<string> future = _loop.CreateFuture<string>();
        future.SetResult("x");
        future.Exception.ShouldBeNull();
    }

    [Fact]
    public void AddDoneCallback_OnCompletion_IsNotRunInline()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        var order = new List<string>();
        future.AddDoneCallback((f, _) => order.Add("callback"));
        _loop.CallSoon(() =>
        {
            future.SetResult(1);
            order.Add("after SetResult");
        });
        _loop.RunUntilComplete(future);
        _loop.RunFor(TimeSpan.Zero);
        order.ShouldBe(["after SetResult", "callback"]);
    }

    [Fact]
    public void AddDoneCallback_AlreadyDone_IsScheduledNotRunInline()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        future.SetResult(1);
        bool ran = false;
        future.AddDoneCallback((_, _) => ran = true);
        ran.ShouldBeFalse();
        _loop.ReadyCount.ShouldBe(1);
        _loop.RunFor(TimeSpan.Zero);
        ran.ShouldBeTrue();
    }

    [Fact]
    public void AddDoneCallback_Several_RunInRegistrationOrderWithFutureAndState()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        var order = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            future.AddDoneCallback((f, s) => order.Add($"{s}:{((LoopFuture<int>)f).Result}"), i);
        }

        future.SetResult(7);
        _loop.RunFor(TimeSpan.Zero);
        order.ShouldBe(["0:7", "1:7", "2:7", "3:7"]);
    }

    [Fact]
    public void AddDoneCallback_Cancel_SchedulesCallbacks()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        bool? sawCancelled = null;
        future.AddDoneCallback((f, _) => sawCancelled = f.IsCancelled);
        future.Cancel();
        _loop.RunFor(TimeSpan.Zero);
        sawCancelled.ShouldBe(true);
    }

    [Fact]
    public void AddDoneCallback_RunsInTheCapturedExecutionContext()
    {
        var local = new AsyncLocal<string>();
        LoopFuture<int> future = _loop.CreateFuture<int>();
        local.Value = "registered";
        var seen = new List<string?>();
        future.AddDoneCallback((_, _) => seen.Add(local.Value));
        local.Value = "changed";
        future.SetResult(1);
        _loop.RunFor(TimeSpan.Zero);
        seen.ShouldBe(["registered"]);
    }

    [Fact]
    public void RemoveDoneCallback_RemovesEveryRegistrationAndReturnsTheCount()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        var order = new List<string>();
        Action<LoopFuture, object?> removed = (_, _) => order.Add("removed");
        future.AddDoneCallback(removed);
        future.AddDoneCallback((_, _) => order.Add("kept"));
        future.AddDoneCallback(removed);
        future.RemoveDoneCallback(removed).ShouldBe(2);
        future.RemoveDoneCallback(removed).ShouldBe(0);
        future.SetResult(1);
        _loop.RunFor(TimeSpan.Zero);
        order.ShouldBe(["kept"]);
    }

    [Fact]
    public async Task AsTask_Result_CompletesTheTask()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        Task<int> task = future.AsTask();
        task.IsCompleted.ShouldBeFalse();
        _loop.CallSoon(() => future.SetResult(5));
        _loop.RunUntilComplete(future);
        _loop.RunFor(TimeSpan.Zero);
        task.IsCompletedSuccessfully.ShouldBeTrue();
        (await task).ShouldBe(5);
        future.AsTask().ShouldBeSameAs(task);
    }

    [Fact]
    public void AsTask_Exception_FaultsTheTask()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        Task<int> task = future.AsTask();
        future.SetException(new FormatException("bad"));
        _loop.RunFor(TimeSpan.Zero);
        task.IsFaulted.ShouldBeTrue();
        task.Exception!.InnerException.ShouldBeOfType<FormatException>();
    }

    [Fact]
    public void AsTask_Cancelled_CancelsTheTask()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        Task<int> task = future.AsTask();
        future.Cancel();
        _loop.RunFor(TimeSpan.Zero);
        task.IsCanceled.ShouldBeTrue();
    }

    [Fact]
    public void Await_InTask_ResumesWithResultAfterCompletion()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        _loop.CallLater(3, () => future.SetResult(9));
        (int value, double at) = _loop.RunUntilComplete(async _ => (await future, _loop.Time));
        value.ShouldBe(9);
        at.ShouldBe(3);
    }

    [Fact]
    public void Await_CancelledFuture_ThrowsOperationCanceledWithTheMessage()
    {
        LoopFuture<int> future = _loop.CreateFuture<int>();
        _loop.CallSoon(() => future.Cancel("gone"));
        string message = _loop.RunUntilComplete(async _ =>
        {
            try
            {
                await future;
                return "no";
            }
            catch (OperationCanceledException ex)
            {
                return ex.Message;
            }
        });
        message.ShouldBe("gone");
    }
}
