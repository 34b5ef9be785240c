using Shouldly;
using SimLoop.Tests.Support;
using Xunit;

namespace SimLoop.Tests.Simulation;

/// <summary>Escape control alone, on a loop that is not simulated: reports kept, the first one wins, idle waits bounded.</summary>
public sealed class EscapeControlTests
{
    [Fact]
    public void NoReport_ThrowIfEscapedDoesNothing()
    {
        var escapes = new EscapeControl(new TestLoop(), seed: 3, TimeSpan.Zero, adoptsThreadPoolWork: false);
        escapes.HasEscaped.ShouldBeFalse();
        Should.NotThrow(escapes.ThrowIfEscaped);
    }

    [Fact]
    public void WrongThread_IsReportedWithTheSeedAndTheOperation()
    {
        var escapes = new EscapeControl(new TestLoop(), seed: 3, TimeSpan.Zero, adoptsThreadPoolWork: false);
        escapes.WrongThread("CallSoon");
        escapes.HasEscaped.ShouldBeTrue();
        var ex = Should.Throw<UncontrolledConcurrencyException>(escapes.ThrowIfEscaped);
        ex.Message.ShouldStartWith("Uncontrolled concurrency (seed 3): CallSoon was called from another thread");
    }

    [Fact]
    public void TheFirstReportWins()
    {
        var escapes = new EscapeControl(new TestLoop(), seed: 0, TimeSpan.Zero, adoptsThreadPoolWork: false);
        escapes.ForeignThreadCall("SynchronizationContext.Send for task A");
        escapes.WrongThread("CallLater");
        Should.Throw<UncontrolledConcurrencyException>(escapes.ThrowIfEscaped).Message.ShouldContain("SynchronizationContext.Send for task A on another thread");
    }

    [Fact]
    public void ThreadPoolWorkQueued_IsReportedNamingTheQueuingTask_AndWinsOverLaterForeignReports()
    {
        var loop = new TestLoop();
        var escapes = new EscapeControl(loop, seed: 2, TimeSpan.Zero, adoptsThreadPoolWork: false);
        escapes.ThreadPoolWorkQueued(new ThirdPartyTask(loop, "Q"));
        escapes.WrongThread("CallSoon"); // the pool thread's own report would come later: the first one is kept
        Should.Throw<UncontrolledConcurrencyException>(escapes.ThrowIfEscaped).Message
            .ShouldStartWith("Uncontrolled concurrency (seed 2): task Q queued work to the thread pool in a step, with SimulationOptions.AdoptThreadPoolWork off");
    }

    [Fact]
    public void ForeignThreadPost_IsTakenAndReported()
    {
        var loop = new TestLoop();
        var escapes = new EscapeControl(loop, seed: 0, TimeSpan.Zero, adoptsThreadPoolWork: false);
        var task = new ThirdPartyTask(loop, "T");
        escapes.ForeignThreadPost(task).ShouldBeTrue();
        Should.Throw<UncontrolledConcurrencyException>(escapes.ThrowIfEscaped).Message.ShouldContain("a continuation of task T was posted back to the loop from another thread");
    }

    [Fact]
    public void PrepareTaskContext_NoContext_StaysNone_AContextIsReplacedByAMarkedCopy()
    {
        var loop = new TestLoop();
        var escapes = new EscapeControl(loop, seed: 0, TimeSpan.Zero, adoptsThreadPoolWork: false);
        var task = new ThirdPartyTask(loop, "T");
        escapes.PrepareTaskContext(null, task).ShouldBeNull();
        ExecutionContext context = ExecutionContext.Capture()!;
        ExecutionContext? marked = escapes.PrepareTaskContext(context, task);
        marked.ShouldNotBeNull();
        marked.ShouldNotBeSameAs(context);
        escapes.HasEscaped.ShouldBeFalse(); // marking is not reporting
    }

    [Fact]
    public void WaitForEscapedWork_NoGraceOrWorkAlreadyQueued_ReturnsWithoutWaiting()
    {
        var loop = new TestLoop();
        new EscapeControl(loop, seed: 0, TimeSpan.Zero, adoptsThreadPoolWork: false).WaitForEscapedWork(hasThreadSafeWork: false);
        new EscapeControl(loop, seed: 0, TimeSpan.FromHours(1), adoptsThreadPoolWork: false).WaitForEscapedWork(hasThreadSafeWork: true);
    }

    [Fact]
    public void OnASimulatedLoop_AWrongThreadCallDuringTheRun_EndsTheRunWithTheReport()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { AdoptThreadPoolWork = false });
        var ex = Should.Throw<UncontrolledConcurrencyException>(() => loop.RunUntilComplete(_ =>
        {
            Thread other;
            using (ExecutionContext.SuppressFlow()) // not the task's context: only the wrong-thread call is seen
            {
                other = new Thread(() =>
                {
                    try
                    {
                        loop.CallSoon(() => { });
                    }
                    catch (InvalidOperationException)
                    {
                    }
                });
                other.Start();
            }

            other.Join();
            return Task.CompletedTask;
        }));
        ex.Message.ShouldContain("CallSoon was called from another thread");
    }
}
