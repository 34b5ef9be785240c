namespace SimLoop.Checking;

/// <summary>An operation a <see cref="HistoryRecorder{TInput, TOutput}"/> saw invoked; <see cref="Return"/> records its answer.</summary>
/// <typeparam name="TInput">The operation's input.</typeparam>
/// <typeparam name="TOutput">The operation's output.</typeparam>
public sealed class PendingOperation<TInput, TOutput>
{
    private readonly HistoryRecorder<TInput, TOutput> _recorder;
    private readonly int _process;
    private readonly TInput _input;
    private readonly TimeSpan _callTime;
    private (TOutput Output, TimeSpan Time)? _returned;

    internal PendingOperation(HistoryRecorder<TInput, TOutput> recorder, int index, int process, TInput input, TimeSpan callTime)
    {
        _recorder = recorder;
        Index = index;
        _process = process;
        _input = input;
        _callTime = callTime;
    }

    /// <summary>Whether <see cref="Return"/> was called.</summary>
    public bool HasReturned => _returned is not null;

    internal int Index { get; }

    /// <summary>Records that the operation returned <paramref name="output"/> now.</summary>
    /// <param name="output">What it returned.</param>
    /// <exception cref="InvalidOperationException">It already returned.</exception>
    public void Return(TOutput output)
    {
        if (_returned is not null)
        {
            throw new InvalidOperationException($"Operation {Index} (p{_process} {_input}) already returned {_returned.Value.Output}; record each answer once.");
        }

        _returned = (output, _recorder.Now);
        _recorder.RecordReturn(Index);
    }

    internal HistoryOperation<TInput, TOutput> ToOperation() => _returned is { } r
        ? new HistoryOperation<TInput, TOutput>(_process, _input, _callTime, r.Output, r.Time)
        : new HistoryOperation<TInput, TOutput>(_process, _input, _callTime);
}
