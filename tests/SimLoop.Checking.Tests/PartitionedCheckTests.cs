using Shouldly;
using Xunit;

namespace SimLoop.Checking.Tests;

public sealed class PartitionedCheckTests
{
    /// <summary>A key-value register: <c>put(k, v)</c> returns 0, <c>get(k)</c> the last value put under k (0 initially).</summary>
    private sealed record KvInput(string Key, bool IsPut, int Value)
    {
        public override string ToString() => IsPut ? $"put({Key}, {Value})" : $"get({Key})";
    }

    private static readonly ISequentialModel<int, KvInput, int> s_oneKey =
        SequentialModel.Create<int, KvInput, int>(0, (value, input) => input.IsPut ? (input.Value, 0) : (value, value));

    [Fact]
    public void Check_PartitionedByKey_StaleReadOnOneKeyIsFound()
    {
        var history = new History<KvInput, int>([
            Op(0, new KvInput("x", true, 1), 0, 0, 10),
            Op(1, new KvInput("y", true, 5), 0, 1, 2),
            Op(1, new KvInput("x", false, 0), 1, 3, 4),
            Op(2, new KvInput("x", false, 0), 1, 5, 6),
            Op(2, new KvInput("y", false, 0), 0, 7, 8),   // y was 5 since 2 ms: stale
        ]);

        LinearizabilityResult<KvInput, int> result = LinearizabilityChecker.Check(history, s_oneKey, input => input.Key);

        result.Outcome.ShouldBe(LinearizabilityOutcome.NotLinearizable);
        result.Counterexample!.Unplaceable.Input.ShouldBe(new KvInput("y", false, 0));
        result.Counterexample.ToString().ShouldContain("History is not linearizable (2 operations)");
    }

    [Fact]
    public void Check_PartitionedByKey_IndependentKeysAreLinearizable()
    {
        var history = new History<KvInput, int>([
            Op(0, new KvInput("x", true, 1), 0, 0, 10),
            Op(1, new KvInput("y", true, 5), 0, 1, 2),
            Op(1, new KvInput("x", false, 0), 1, 3, 4),
            Op(2, new KvInput("x", false, 0), 1, 5, 6),
            Op(2, new KvInput("y", false, 0), 5, 7, 8),
        ]);

        LinearizabilityResult<KvInput, int> partitioned = LinearizabilityChecker.Check(history, s_oneKey, input => input.Key);

        partitioned.IsLinearizable.ShouldBeTrue();
        partitioned.Linearization.Count.ShouldBe(5);
        LinearizabilityChecker.Check(history, s_oneKey).IsLinearizable.ShouldBeFalse(); // one register for all keys is the wrong model
    }

    [Fact]
    public void Check_PartitionedByKey_LinearizationListsPartitionsInOrderOfFirstCall()
    {
        var operations = Enumerable.Range(0, 36).Select(i => Op(i, new KvInput($"k{(i * 7) % 12}", false, 0), 0, i, i + 50)).ToList();
        var history = new History<KvInput, int>(operations);

        LinearizabilityResult<KvInput, int> result = LinearizabilityChecker.Check(history, s_oneKey, input => input.Key);

        result.IsLinearizable.ShouldBeTrue();
        string[] keys = result.Linearization.Select(o => o.Input.Key).ToArray();
        keys.Distinct().ShouldBe(operations.Select(o => o.Input.Key).Distinct());
        keys.Chunk(3).ShouldAllBe(chunk => chunk.Distinct().Count() == 1);
    }

    private static HistoryOperation<KvInput, int> Op(int process, KvInput input, int output, int callMs, int returnMs) =>
        new(process, input, TimeSpan.FromMilliseconds(callMs), output, TimeSpan.FromMilliseconds(returnMs));
}
