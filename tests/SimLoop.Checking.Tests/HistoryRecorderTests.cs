using Shouldly;
using SimLoop.Checking.Tests.Models;
using SimLoop.Checking.Tests.Systems;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Checking.Tests;

public sealed class HistoryRecorderTests
{
    [Fact]
    public void Explore_ReplicaServesReads_CheckerFindsStaleRead()
    {
        SimulationFailureException failure = Should.Throw<SimulationFailureException>(() =>
            Simulation.Explore((loop, ct) => ReplicatedRegister.RunAndCheckAsync(loop, readFromReplica: true, ct), Options()));

        failure.InnerException.ShouldBeOfType<LinearizabilityViolationException>().Message.ShouldContain("cannot be placed");
        failure.Message.ShouldContain("SIMLOOP_SEED=");
    }

    [Fact]
    public void Explore_PrimaryServesReads_EveryHistoryIsLinearizable()
    {
        Simulation.Explore((loop, ct) => ReplicatedRegister.RunAndCheckAsync(loop, readFromReplica: false, ct), Options()).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Recorder_OnTheLoop_RecordsVirtualTimesAndKeepsSameInstantOrder()
    {
        History<RegisterInput, int>? history = null;
        SimulationRun run = Simulation.Run(seed: 0, async (loop, ct) =>
        {
            var recorder = new HistoryRecorder<RegisterInput, int>(loop);
            await Task.Delay(TimeSpan.FromMilliseconds(3), loop.TimeProvider, ct);
            PendingOperation<RegisterInput, int> write = recorder.Invoke(0, RegisterInput.Write(1));
            await Task.Delay(TimeSpan.FromMilliseconds(2), loop.TimeProvider, ct);
            write.Return(0);
            recorder.Invoke(1, RegisterInput.Read()).Return(0); // called and returned at the instant the write returned, after it
            recorder.Invoke(2, RegisterInput.Write(2));          // never returns
            Should.Throw<InvalidOperationException>(() => write.Return(0)).Message.ShouldContain("already returned");
            history = recorder.ToHistory();
        });

        run.Failure.ShouldBeNull();
        history.ShouldNotBeNull();
        history.Operations[0].CallTime.ShouldBe(TimeSpan.FromMilliseconds(3));
        history.Operations[0].ReturnTime.ShouldBe(TimeSpan.FromMilliseconds(5));
        history.Operations[1].CallTime.ShouldBe(TimeSpan.FromMilliseconds(5));
        history.Operations[2].HasReturned.ShouldBeFalse();

        // The read returned 0 after write(1) returned at the same instant: the recorded order makes that a violation,
        // which a history rebuilt from times alone (same-instant events overlap) would accept.
        LinearizabilityChecker.Check(history, Register.Model).Outcome.ShouldBe(LinearizabilityOutcome.NotLinearizable);
        LinearizabilityChecker.Check(new History<RegisterInput, int>(history.Operations), Register.Model).IsLinearizable.ShouldBeTrue();
    }

    private static ExplorationOptions Options() => new()
    {
        Iterations = 100,
        Strategy = ExplorationStrategy.Random,
        FailureFolder = null,
        HonourEnvironment = false,
        Simulation = new SimulationOptions { EscapeGracePeriod = TimeSpan.Zero },
    };
}
