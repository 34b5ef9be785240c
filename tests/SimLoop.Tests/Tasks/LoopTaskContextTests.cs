using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Tasks;

/// <summary>
/// The execution context each task gets (its creator's, marked for escape detection) and where a body that ends
/// outside the task's own steps finishes the task: the cases an idle task's smaller footprint (a shared "no task"
/// marking of contexts created outside the loop, one shared body-completion continuation) must keep exact.
/// </summary>
public sealed class LoopTaskContextTests
{
    private static readonly AsyncLocal<string?> s_local = new();

    [Fact]
    public void TasksCreatedOutsideTheLoop_FromAlternatingContexts_EachSeeTheirCreatorsValues()
    {
        var loop = new SimulatedEventLoop();
        var seen = new List<string?>();
        var tasks = new List<LoopTask>();
        foreach (string value in new[] { "a", "a", "b", "a", "b", "b" })
        {
            s_local.Value = value;
            tasks.Add(loop.CreateTask(async _ =>
            {
                string? mine = s_local.Value;
                s_local.Value = mine + "-changed"; // seen by this task only
                await Task.Yield();
                seen.Add(mine + ":" + s_local.Value);
            }));
        }

        s_local.Value = null;
        loop.RunUntilComplete(async _ =>
        {
            foreach (LoopTask t in tasks)
            {
                await t;
            }
        });
        seen.ShouldBe(["a:a-changed", "a:a-changed", "b:b-changed", "a:a-changed", "b:b-changed", "b:b-changed"]);
    }

    [Fact]
    public void TasksCreatedOutsideTheLoop_FromOneContext_EscapesNameTheTaskWhoseWorkEscaped()
    {
        IReadOnlyList<string> messages = RepeatedRuns.ShouldAlwaysThrow<UncontrolledConcurrencyException>(10, () => new SimulationOptions { EscapeGracePeriod = TimeSpan.FromSeconds(30), AdoptThreadPoolWork = false }, loop =>
        {
            var tcs = new TaskCompletionSource<int>();
            LoopTask first = loop.CreateTask(async _ => await Task.Yield(), "First");
            LoopTask<int> b = loop.CreateTask(async _ => await tcs.Task.ConfigureAwait(false), "B"); // made from the context "First" was: the shared marking
            LoopTask a = loop.CreateTask(async _ => { await Task.Yield(); tcs.SetResult(1); }, "A");
            loop.RunUntilComplete(async _ =>
            {
                await first;
                await a;
                return await b;
            });
        });
        messages.ShouldAllBe(m => m.Contains("task B") && m.Contains("ConfigureAwait(false)"));
    }

    [Fact]
    public void BodyEndingInALoopCallback_FinishesTheTaskInANewStepOfThatTask()
    {
        var loop = new SimulatedEventLoop();
        var tcs = new TaskCompletionSource<int>();
        var order = new List<string>();
        LoopTask<int> task = loop.CreateTask(async _ => await tcs.Task.ConfigureAwait(false) + 1, "T"); // resumes inline in the callback
        task.AddDoneCallback((_, _) => order.Add("done"));
        loop.CallSoon(() =>
        {
            tcs.SetResult(41);
            order.Add("callback ends, task done: " + task.IsDone);
        });
        loop.RunUntilComplete(task).ShouldBe(42);
        order.ShouldBe(["callback ends, task done: False", "done"]);
    }

    [Fact]
    public void BodyThatIsAnotherTasksTaskCompletionSource_FinishesInItsOwnStep_AfterTheCompletingStep()
    {
        var loop = new SimulatedEventLoop();
        var tcs = new TaskCompletionSource<int>();
        var order = new List<string>();
        LoopTask<int> direct = loop.CreateTask(_ => tcs.Task, "Direct");
        LoopTask completer = loop.CreateTask(async _ =>
        {
            await Task.Yield();
            tcs.SetResult(5);
            order.Add("completer after SetResult, direct done: " + direct.IsDone);
        });
        loop.RunUntilComplete(async _ =>
        {
            await completer;
            order.Add("direct " + await direct);
        });
        order.ShouldBe(["completer after SetResult, direct done: False", "direct 5"]);
        loop.Trace.Entries.Count(e => e.Kind == SimLoop.Scheduling.TraceEntryKind.Enter && e.TaskId == direct.Id).ShouldBe(2); // its first step, then the one that finished it
    }

    [Fact]
    public void BodyCompletingInsideItsOwnStep_FinishesTheTaskInThatStep()
    {
        var loop = new SimulatedEventLoop();
        var order = new List<string>();
        LoopTask task = null!;
        task = loop.CreateTask(async _ =>
        {
            await Task.Yield();
            order.Add("body ends");
        });
        loop.CallSoon(() => { }); // any later callback sees the task done already
        loop.RunUntilComplete(async _ =>
        {
            await Task.Yield();
            await Task.Yield();
            order.Add("main sees done: " + task.IsDone);
        });
        order.ShouldBe(["body ends", "main sees done: True"]);
    }
}
