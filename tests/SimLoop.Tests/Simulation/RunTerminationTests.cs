using Shouldly;
using Xunit;

namespace SimLoop.Tests.Simulation;

/// <summary>
/// The two collaborators of a simulated loop's observer, each alone: <see cref="RunTermination"/> ends runs and never
/// writes the trace; <see cref="StepTracer"/> writes the trace and never ends a run.
/// </summary>
public sealed class RunTerminationTests
{
    private static (SimulatedEventLoop Loop, EscapeControl Escapes) Loop()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = 4 });
        return (loop, new EscapeControl(loop, seed: 4, TimeSpan.Zero, adoptsThreadPoolWork: true));
    }

    [Fact]
    public void ALatchedFailure_IsThrownAfterTheStep_Once_AndTheFirstOneWins()
    {
        var (loop, escapes) = Loop();
        var termination = new RunTermination(loop, escapes, watchdog: null, adoption: null, maxSteps: null);
        termination.LatchFailure(new UnhandledLoopException("first", null));
        termination.LatchFailure(new UnhandledLoopException("second", null));
        termination.HasPendingFailure.ShouldBeTrue();
        Should.Throw<UnhandledLoopException>(termination.StepCompleted).Message.ShouldBe("first");
        termination.HasPendingFailure.ShouldBeFalse();
        Should.NotThrow(termination.StepCompleted);
    }

    [Fact]
    public void AnEscape_EndsTheRunAfterTheStep()
    {
        var (loop, escapes) = Loop();
        var termination = new RunTermination(loop, escapes, watchdog: null, adoption: null, maxSteps: null);
        escapes.WrongThread("CallSoon");
        Should.Throw<UncontrolledConcurrencyException>(termination.StepCompleted).Message.ShouldContain("CallSoon was called from another thread");
    }

    [Fact]
    public void TheStepBound_EndsTheRunWithTheSeed()
    {
        var (loop, escapes) = Loop();
        var termination = new RunTermination(loop, escapes, watchdog: null, adoption: null, maxSteps: 0);
        Should.Throw<SimulationLimitException>(termination.StepCompleted).Message.ShouldContain("bound of 0 steps");
    }

    [Fact]
    public void EndingRuns_WritesNothingToTheTrace()
    {
        var (loop, escapes) = Loop();
        var termination = new RunTermination(loop, escapes, watchdog: null, adoption: null, maxSteps: 0);
        int before = loop.Trace.Entries.Count;
        termination.RunStarting();
        termination.StepStarting();
        Should.Throw<SimulationLimitException>(termination.StepCompleted);
        termination.RunStopped();
        loop.Trace.Entries.Count.ShouldBe(before);
    }

    [Fact]
    public void StepTracer_WritesEachPoint_AndAPlainCallbackAsSuch()
    {
        var (loop, _) = Loop();
        var tracer = new StepTracer(loop);
        var task = new ThirdPartyTaskStub();
        int before = loop.Trace.Entries.Count;
        tracer.TaskRegistered(task, 7);
        tracer.StepCompleted(new Handle(loop, (Action)(() => { }), state: null, context: null, owner: null));
        loop.Trace.Entries.Count.ShouldBe(before + 2);
        loop.Trace.Entries[before].ToString().ShouldContain("Task-7"); // an unnamed task gets its id as its name
    }

    private sealed class ThirdPartyTaskStub : ILoopTask
    {
        public string Name => "";

        public bool IsDone => false;

        public TaskWait? DescribeWait() => null;
    }
}
