using Shouldly;
using SimLoop.Checking.Tests.Models;
using Xunit;
using static SimLoop.Checking.Tests.Models.Register;

namespace SimLoop.Checking.Tests;

public sealed class LinearizabilityCheckerTests
{
    [Fact]
    public void Check_StaleReadAfterNewValueWasSeen_IsNotLinearizable()
    {
        // p0 writes 1 over [0, 10]; p1 reads 1 over [2, 4], then reads 0 over [5, 7]: once a read saw the write, no
        // later read may see the old value.
        // README-BEGIN check-history
        var history = new History<RegisterInput, int>([Write(0, 1, 0, 10), Read(1, 1, 2, 4), Read(1, 0, 5, 7)]);

        LinearizabilityResult<RegisterInput, int> result = LinearizabilityChecker.Check(history, Register.Model);
        // README-END check-history

        result.Outcome.ShouldBe(LinearizabilityOutcome.NotLinearizable);
        LinearizabilityCounterexample<RegisterInput, int> counterexample = result.Counterexample.ShouldNotBeNull();
        counterexample.LongestPrefix.ShouldBe([history.Operations[0], history.Operations[1]]);
        counterexample.Unplaceable.ShouldBeSameAs(history.Operations[2]);
        counterexample.StateAfterPrefix.ShouldBe("1");
        string text = counterexample.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        text.ShouldContain("longest linearizable prefix (2 operations): p0 write(1) -> ok; p1 read() -> 1");
        text.ShouldContain("cannot be placed: p1 read() -> 0 (called at 5 ms, returned at 7 ms): after the prefix the model returns 1");
        text.ShouldContain("!! p1");
        text.ShouldContain("#1 p0");
    }

    [Fact]
    public void Check_ReadsOverlappingAWrite_MaySeeEitherValue()
    {
        var history = new History<RegisterInput, int>([Write(0, 1, 0, 10), Read(1, 0, 2, 4), Read(2, 1, 3, 6), Read(1, 1, 5, 7)]);

        LinearizabilityResult<RegisterInput, int> result = LinearizabilityChecker.Check(history, Register.Model);

        result.Outcome.ShouldBe(LinearizabilityOutcome.Linearizable);
        result.Linearization.Select(o => o.Input.ToString() + "=" + o.Output).ShouldBe(["read()=0", "write(1)=0", "read()=1", "read()=1"]);
    }

    [Fact]
    public void Check_ReadBeforeAnyWriteCalled_SeesInitialValueOnly()
    {
        var history = new History<RegisterInput, int>([Read(1, 1, 0, 1), Write(0, 1, 2, 3)]);

        LinearizabilityChecker.Check(history, Register.Model).Outcome.ShouldBe(LinearizabilityOutcome.NotLinearizable);
    }

    [Fact]
    public void Check_PendingWrite_MayTakeEffectLaterOrNever()
    {
        var seen = new History<RegisterInput, int>([Write(0, 7, 0, null), Read(1, 0, 5, 6), Read(1, 7, 10, 11)]);
        var neverSeen = new History<RegisterInput, int>([Write(0, 7, 0, null), Read(1, 0, 5, 6), Read(1, 0, 10, 11)]);
        var seenThenLost = new History<RegisterInput, int>([Write(0, 7, 0, null), Read(1, 7, 5, 6), Read(1, 0, 10, 11)]);

        LinearizabilityChecker.Check(seen, Register.Model).IsLinearizable.ShouldBeTrue();
        LinearizabilityChecker.Check(neverSeen, Register.Model).IsLinearizable.ShouldBeTrue();
        LinearizabilityChecker.Check(seenThenLost, Register.Model).Outcome.ShouldBe(LinearizabilityOutcome.NotLinearizable);
    }

    [Fact]
    public void Check_EmptyHistory_IsLinearizable()
    {
        LinearizabilityChecker.Check(new History<RegisterInput, int>([]), Register.Model).IsLinearizable.ShouldBeTrue();
    }

    [Fact]
    public void Check_BudgetTooSmall_IsUnknownAndSaysHowToFix()
    {
        var history = new History<RegisterInput, int>(Enumerable.Range(0, 8).Select(p => Read(p, 0, 0, 10)).Append(Read(9, 5, 11, 12)));

        LinearizabilityResult<RegisterInput, int> result = LinearizabilityChecker.Check(history, Register.Model, maxSteps: 5);

        result.Outcome.ShouldBe(LinearizabilityOutcome.Unknown);
        result.ToString().ShouldContain("raise maxSteps");
        Should.Throw<InvalidOperationException>(result.ThrowIfNotLinearizable);
    }

    [Fact]
    public void Check_ManyConcurrentIdenticalReads_MemoisationKeepsItSmall()
    {
        // 16 overlapping reads: 16! orders, but each set of linearized reads gives one state.
        var history = new History<RegisterInput, int>(Enumerable.Range(0, 16).Select(p => Read(p, 0, 0, 10)).Append(Read(16, 3, 11, 12)));

        LinearizabilityResult<RegisterInput, int> result = LinearizabilityChecker.Check(history, Register.Model, maxSteps: 2_000_000);

        result.Outcome.ShouldBe(LinearizabilityOutcome.NotLinearizable);
    }

    [Fact]
    public void ThrowIfNotLinearizable_Violation_ThrowsWithTheCounterexample()
    {
        var history = new History<RegisterInput, int>([Write(0, 1, 0, 1), Read(1, 0, 2, 3)]);

        LinearizabilityResult<RegisterInput, int> result = LinearizabilityChecker.Check(history, Register.Model);

        Should.Throw<LinearizabilityViolationException>(result.ThrowIfNotLinearizable).Message.ShouldContain("cannot be placed: p1 read() -> 0");
    }

    [Fact]
    public void Check_QueueDequeuesLaterValueFirst_IsNotLinearizable()
    {
        var history = new History<string, string>([
            FifoQueue.Op(0, "enqueue(1)", "ok", 0, 1),
            FifoQueue.Op(1, "enqueue(2)", "ok", 2, 3),
            FifoQueue.Op(2, "dequeue()", "2", 4, 5),
        ]);

        LinearizabilityResult<string, string> result = LinearizabilityChecker.Check(history, FifoQueue.Model);

        result.Outcome.ShouldBe(LinearizabilityOutcome.NotLinearizable);
        result.Counterexample!.Unplaceable.Input.ShouldBe("dequeue()");
        result.Counterexample.ToString().ShouldContain("after the prefix the model returns 1");
    }

    [Fact]
    public void Check_QueueWithOverlappingEnqueue_IsLinearizable()
    {
        var history = new History<string, string>([
            FifoQueue.Op(0, "enqueue(1)", "ok", 0, 5),
            FifoQueue.Op(1, "enqueue(2)", "ok", 1, 3),
            FifoQueue.Op(2, "dequeue()", "2", 4, 6),
            FifoQueue.Op(2, "dequeue()", "1", 7, 8),
            FifoQueue.Op(1, "dequeue()", "empty", 9, 10),
        ]);

        LinearizabilityChecker.Check(history, FifoQueue.Model).IsLinearizable.ShouldBeTrue();
    }

    [Fact]
    public void Arguments_Invalid_AreRejectedByName()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Write(0, 1, 5, 4)).ParamName.ShouldBe("returnTime");
        Should.Throw<ArgumentNullException>(() => new History<RegisterInput, int>([null!])).ParamName.ShouldBe("operations");
        Should.Throw<ArgumentOutOfRangeException>(() => LinearizabilityChecker.Check(new History<RegisterInput, int>([]), Register.Model, 0)).ParamName.ShouldBe("maxSteps");
    }
}
