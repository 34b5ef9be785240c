using System.Collections.Immutable;
using SimLoop.Checking;

namespace SimLoop.Checking.Tests.Models;

/// <summary>A FIFO queue: <c>enqueue(v)</c> returns "ok"; <c>dequeue()</c> returns the oldest value, or "empty".</summary>
public static class FifoQueue
{
    public static readonly ISequentialModel<ImmutableList<int>, string, string> Model = SequentialModel.Create<ImmutableList<int>, string, string>(
        initialState: [],
        apply: (queue, input) => input.StartsWith("enqueue(", StringComparison.Ordinal)
            ? (queue.Add(int.Parse(input[8..^1], System.Globalization.CultureInfo.InvariantCulture)), "ok")
            : queue.IsEmpty ? (queue, "empty") : (queue.RemoveAt(0), queue[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
        stateComparer: new SequenceComparer());

    public static HistoryOperation<string, string> Op(int process, string input, string output, int callMs, int returnMs) =>
        new(process, input, TimeSpan.FromMilliseconds(callMs), output, TimeSpan.FromMilliseconds(returnMs));

    /// <summary>Value equality of immutable lists, so memoisation sees equal queues as one state.</summary>
    private sealed class SequenceComparer : IEqualityComparer<ImmutableList<int>>
    {
        public bool Equals(ImmutableList<int>? x, ImmutableList<int>? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(ImmutableList<int> obj) => obj.Aggregate(17, (h, v) => (h * 31) + v);
    }
}
