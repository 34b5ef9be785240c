using Shouldly;
using Xunit;

namespace SimLoop.Tests.Tasks;

/// <summary>The loop's registry of its own tasks (linked through the tasks): order, removal anywhere, ids.</summary>
public sealed class LoopTaskRegistryTests
{
    private readonly SimulatedEventLoop _loop = new();

    [Fact]
    public void UnregisteringFirstMiddleAndLast_KeepsTheOthersInRegistrationOrder()
    {
        LoopTask[] tasks = [.. Enumerable.Range(0, 5).Select(i => _loop.CreateTask(_ => Task.CompletedTask, $"T{i}"))];
        _loop.UnregisterTask(tasks[2]);
        _loop.UnregisterTask(tasks[0]);
        _loop.UnregisterTask(tasks[4]);
        _loop.UnregisterTask(tasks[4]); // twice: ignored
        _loop.AllTasks().ShouldBe([tasks[1], tasks[3]]);
        _loop.TaskIdOf(tasks[3]).ShouldBe(tasks[3].Id);
        _loop.TaskIdOf(tasks[0]).ShouldBe(tasks[0].Id); // an own task keeps its id after it leaves the registry

        LoopTask later = _loop.CreateTask(_ => Task.CompletedTask);
        _loop.AllTasks().ShouldBe([tasks[1], tasks[3], later]);
        _loop.UnregisterTask(tasks[1]);
        _loop.UnregisterTask(tasks[3]);
        _loop.UnregisterTask(later);
        _loop.AllTasks().ShouldBeEmpty();
        _loop.CreateTask(_ => Task.CompletedTask, "again").Id.ShouldBe(later.Id + 1);
    }

    [Fact]
    public void RegisteringAnOwnTaskAgain_ReturnsItsId_AndAddsNothing()
    {
        LoopTask task = _loop.CreateTask(_ => Task.CompletedTask);
        _loop.RegisterTask(task).ShouldBe(task.Id);
        _loop.AllTasks().ShouldBe([task]);
    }

    [Fact]
    public void ATaskOfAnotherLoop_RegisteredHere_GetsAnIdOfThisLoop()
    {
        var other = new SimulatedEventLoop();
        LoopTask foreign = other.CreateTask(_ => Task.CompletedTask);
        LoopTask own = _loop.CreateTask(_ => Task.CompletedTask);
        long id = _loop.RegisterTask(foreign);
        id.ShouldBe(own.Id + 1);
        _loop.TaskIdOf(foreign).ShouldBe(id);
        _loop.AllTasks().ShouldBe([own, foreign]);
        _loop.UnregisterTask(foreign);
        _loop.AllTasks().ShouldBe([own]);
        other.AllTasks().ShouldBe([foreign]);
    }
}
