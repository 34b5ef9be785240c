namespace SimLoop.Checking;

/// <summary>
/// A recorded history: operations with their call and return events in real-time order. Operation <c>a</c> precedes
/// <c>b</c> when <c>a</c> returned before <c>b</c> was called; otherwise they overlap and may take effect in either
/// order. Built from times, events at the same instant count as overlapping (calls before returns); built by a
/// <see cref="HistoryRecorder{TInput, TOutput}"/>, the order is the order the loop ran them in, even within one instant.
/// </summary>
/// <typeparam name="TInput">An operation's input.</typeparam>
/// <typeparam name="TOutput">An operation's output.</typeparam>
public sealed class History<TInput, TOutput>
{
    /// <summary>A history of <paramref name="operations"/>, ordered by their call and return times.</summary>
    /// <param name="operations">The operations.</param>
    /// <exception cref="ArgumentNullException"><paramref name="operations"/> or one of them is null.</exception>
    public History(IEnumerable<HistoryOperation<TInput, TOutput>> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        HistoryOperation<TInput, TOutput>[] ops = operations.ToArray();
        for (int i = 0; i < ops.Length; i++)
        {
            if (ops[i] is null)
            {
                throw new ArgumentNullException(nameof(operations), $"Operation {i} of the history is null.");
            }
        }

        Operations = ops;
        Events = ops.SelectMany((op, id) => op.ReturnTime is { } r
                ? new[] { (Time: op.CallTime, IsReturn: false, Id: id), (Time: r, IsReturn: true, Id: id) }
                : [(Time: op.CallTime, IsReturn: false, Id: id)])
            .OrderBy(e => e.Time).ThenBy(e => e.IsReturn).ThenBy(e => e.Id)
            .Select(e => new HistoryEvent(e.Id, e.IsReturn))
            .ToArray();
    }

    internal History(HistoryOperation<TInput, TOutput>[] operations, HistoryEvent[] events)
    {
        Operations = operations;
        Events = events;
    }

    /// <summary>The operations, in the order given (or recorded: by call).</summary>
    public IReadOnlyList<HistoryOperation<TInput, TOutput>> Operations { get; }

    /// <summary>The call and return events in real-time order (operations that never returned have a call only).</summary>
    internal IReadOnlyList<HistoryEvent> Events { get; }

    /// <summary>The sub-history of the operations at <paramref name="indices"/> (ascending), in the same real-time order.</summary>
    internal History<TInput, TOutput> Subset(IReadOnlyList<int> indices)
    {
        var renumbered = new int[Operations.Count];
        Array.Fill(renumbered, -1);
        for (int i = 0; i < indices.Count; i++)
        {
            renumbered[indices[i]] = i;
        }

        HistoryEvent[] events = Events.Where(e => renumbered[e.Operation] >= 0).Select(e => e with { Operation = renumbered[e.Operation] }).ToArray();
        return new History<TInput, TOutput>(indices.Select(i => Operations[i]).ToArray(), events);
    }
}

/// <summary>A call or return of operation <see cref="Operation"/>.</summary>
internal readonly record struct HistoryEvent(int Operation, bool IsReturn);
