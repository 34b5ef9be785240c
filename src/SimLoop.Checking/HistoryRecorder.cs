namespace SimLoop.Checking;

/// <summary>
/// Records a history from code running on the loop: <see cref="Invoke"/> when a client sends an operation,
/// <see cref="PendingOperation{TInput, TOutput}.Return"/> when its answer arrives. Times come from the loop's
/// virtual clock (through its <see cref="TimeProvider"/>), and the order of events is the order they were recorded
/// in, so two events of one virtual instant keep the order the loop ran them. Not thread-safe: use it from the loop.
/// </summary>
/// <typeparam name="TInput">An operation's input.</typeparam>
/// <typeparam name="TOutput">An operation's output.</typeparam>
public sealed class HistoryRecorder<TInput, TOutput>
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly List<PendingOperation<TInput, TOutput>> _operations = [];
    private readonly List<HistoryEvent> _events = [];

    /// <summary>A recorder on <paramref name="loop"/>'s virtual clock; times are measured from now.</summary>
    /// <param name="loop">The loop the recorded code runs on.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public HistoryRecorder(SimulatedEventLoop loop)
        : this((loop ?? throw new ArgumentNullException(nameof(loop))).TimeProvider)
    {
    }

    /// <summary>A recorder on <paramref name="time"/> (a loop's <see cref="SimulatedEventLoop.TimeProvider"/>); times are measured from now.</summary>
    /// <param name="time">The clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="time"/> is null.</exception>
    public HistoryRecorder(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _start = time.GetUtcNow();
    }

    /// <summary>How many operations were invoked so far.</summary>
    public int Count => _operations.Count;

    /// <summary>Records that <paramref name="process"/> invoked <paramref name="input"/> now.</summary>
    /// <param name="process">The invoking process (client); it should have no other operation outstanding.</param>
    /// <param name="input">What was invoked.</param>
    /// <returns>The operation, to <see cref="PendingOperation{TInput, TOutput}.Return"/> when its answer arrives; left pending, its outcome is unknown.</returns>
    public PendingOperation<TInput, TOutput> Invoke(int process, TInput input)
    {
        var operation = new PendingOperation<TInput, TOutput>(this, _operations.Count, process, input, Now);
        _operations.Add(operation);
        _events.Add(new HistoryEvent(operation.Index, IsReturn: false));
        return operation;
    }

    /// <summary>
    /// Records <paramref name="call"/> as one operation: invoked now, returned with its result. If it throws, the
    /// operation stays pending (it may or may not have taken effect) and the exception propagates.
    /// </summary>
    /// <param name="process">The invoking process (client).</param>
    /// <param name="input">What is invoked.</param>
    /// <param name="call">Performs the operation against the system under test.</param>
    /// <returns>The operation's output.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    public async Task<TOutput> RecordAsync(int process, TInput input, Func<Task<TOutput>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        PendingOperation<TInput, TOutput> operation = Invoke(process, input);
        TOutput output = await call();
        operation.Return(output);
        return output;
    }

    /// <summary>The history recorded so far (operations still pending count as never returned).</summary>
    /// <returns>A snapshot; later recording does not change it.</returns>
    public History<TInput, TOutput> ToHistory() =>
        new(_operations.Select(o => o.ToOperation()).ToArray(), [.. _events]);

    internal TimeSpan Now => _time.GetUtcNow() - _start;

    internal void RecordReturn(int index) => _events.Add(new HistoryEvent(index, IsReturn: true));
}
