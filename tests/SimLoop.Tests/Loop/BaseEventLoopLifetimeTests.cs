using Shouldly;
using SimLoop.Scheduling;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>The task lifetime API (asyncio-model.md section 5), exercised by a third-party task type and by SimLoop's own tasks.</summary>
public sealed class BaseEventLoopLifetimeTests
{
    private readonly SimulatedEventLoop _loop = new();

    [Fact]
    public void ThirdPartyTask_WhilePending_IsListedByAllTasksAndCurrentDuringItsSteps()
    {
        var seenCurrent = new List<ILoopTask?>();
        var seenAll = new List<int>();
        ThirdPartyTask? task = null;
        task = new ThirdPartyTask(_loop, "third",
            () => { seenCurrent.Add(_loop.CurrentTask); seenAll.Add(_loop.AllTasks().Count); },
            () => seenCurrent.Add(_loop.CurrentTask));
        _loop.AllTasks().ShouldBe([task]);
        _loop.CurrentTask.ShouldBeNull();
        _loop.RunFor(TimeSpan.Zero);
        seenCurrent.ShouldBe([task, task]);
        seenAll.ShouldBe([1]);
        task.IsDone.ShouldBeTrue();
        _loop.AllTasks().ShouldBeEmpty();
        _loop.CurrentTask.ShouldBeNull();
    }

    [Fact]
    public void AllTasks_MixedTaskTypes_ListsEveryPendingTaskInRegistrationOrder()
    {
        LoopFuture<int> never = _loop.CreateFuture<int>();
        LoopTask<int> own = _loop.CreateTask(async _ => await never, "own");
        var third = new ThirdPartyTask(_loop, "third", () => { });
        LoopTask quick = _loop.CreateTask(_ => Task.CompletedTask, "quick");
        _loop.AllTasks().ShouldBe([own, third, quick]);
        _loop.RunFor(TimeSpan.Zero);
        _loop.AllTasks().ShouldBe([own]);
    }

    [Fact]
    public void RegisterTask_Twice_KeepsTheFirstId()
    {
        var third = new ThirdPartyTask(_loop, "third", () => { });
        _loop.RegisterTask(third).ShouldBe(third.Id);
        _loop.TaskIdOf(third).ShouldBe(third.Id);
        _loop.AllTasks().Count.ShouldBe(1);
    }

    [Fact]
    public void UnregisterTask_NeverRegistered_IsIgnored()
    {
        var stranger = new ThirdPartyTask(new SimulatedEventLoop(), "stranger", () => { });
        Should.NotThrow(() => _loop.UnregisterTask(stranger));
        _loop.TaskIdOf(stranger).ShouldBe(0);
    }

    [Fact]
    public void EnterTask_WhileAnotherIsEntered_ThrowsWithBothNames()
    {
        var a = new ThirdPartyTask(_loop, "A", () => { });
        var b = new ThirdPartyTask(_loop, "B", () => { });
        _loop.EnterTask(b);
        Should.Throw<InvalidOperationException>(() => _loop.EnterTask(a))
            .Message.ShouldBe("Cannot enter into task A while another task B is being executed.");
        _loop.CurrentTask.ShouldBeSameAs(b);
        _loop.LeaveTask(b);
    }

    [Fact]
    public void LeaveTask_NotTheCurrentTask_ThrowsWithBothNames()
    {
        var a = new ThirdPartyTask(_loop, "A", () => { });
        var b = new ThirdPartyTask(_loop, "B", () => { });
        _loop.EnterTask(b);
        Should.Throw<InvalidOperationException>(() => _loop.LeaveTask(a))
            .Message.ShouldBe("Leaving task A does not match the current task B.");
        _loop.CurrentTask.ShouldBeSameAs(b);
    }

    [Fact]
    public void LeaveTask_NoCurrentTask_Throws()
    {
        var a = new ThirdPartyTask(_loop, "A", () => { });
        Should.Throw<InvalidOperationException>(() => _loop.LeaveTask(a))
            .Message.ShouldBe("Leaving task A does not match the current task None.");
    }

    [Fact]
    public void EnterTask_ThirdPartyInsideALoopTaskStep_ThrowsNamingTheLoopTask()
    {
        var third = new ThirdPartyTask(_loop, "third", () => { });
        string message = _loop.RunUntilComplete(_ => Task.FromResult(
            Should.Throw<InvalidOperationException>(() => _loop.EnterTask(third)).Message));
        message.ShouldBe("Cannot enter into task third while another task main is being executed.");
    }

    [Fact]
    public void CurrentTask_InsideLoopTaskSteps_IsThatTask()
    {
        var seen = new List<string?>();
        _loop.RunUntilComplete(async _ =>
        {
            seen.Add(_loop.CurrentTask?.Name);
            await Task.Delay(TimeSpan.FromSeconds(1), _loop.TimeProvider);
            seen.Add(_loop.CurrentTask?.Name);
        });
        ILoopTask? outside = null;
        _loop.CallSoon(() => outside = _loop.CurrentTask);
        _loop.RunFor(TimeSpan.Zero);
        seen.ShouldBe(["main", "main"]);
        outside.ShouldBeNull();
    }

    [Fact]
    public void LoopTaskSteps_AreEachBracketedByEnterAndLeaveInTheTrace()
    {
        _loop.RunUntilComplete(async _ =>
        {
            LoopTask a = _loop.CreateTask(async _ => { await Task.Yield(); await Task.Delay(TimeSpan.FromSeconds(1), _loop.TimeProvider); }, "A");
            LoopTask b = _loop.CreateTask(async _ => { await Task.Yield(); await Task.Yield(); }, "B");
            await a;
            await b;
        });

        long? entered = null;
        int steps = 0;
        var stepsByTask = new Dictionary<long, int>();
        foreach (TraceEntry entry in _loop.Trace.Entries)
        {
            switch (entry.Kind)
            {
                case TraceEntryKind.Enter:
                    entered.ShouldBeNull("a task was entered while another was current");
                    entered = entry.TaskId;
                    break;
                case TraceEntryKind.Leave:
                    entry.TaskId.ShouldBe(entered!.Value);
                    entered = null;
                    steps++;
                    stepsByTask[entry.TaskId] = stepsByTask.GetValueOrDefault(entry.TaskId) + 1;
                    break;
                case TraceEntryKind.Callback or TraceEntryKind.TimerFired:
                    entered.ShouldBeNull("a plain callback ran inside a task step");
                    break;
            }
        }

        entered.ShouldBeNull();
        stepsByTask.Keys.Count.ShouldBe(3);
        stepsByTask.Values.ShouldAllBe(n => n >= 2);
        steps.ShouldBe(stepsByTask.Values.Sum());
    }
}
