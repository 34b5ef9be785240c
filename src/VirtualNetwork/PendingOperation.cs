namespace SimLoop.Networking;

/// <summary>
/// An operation waiting for the network: a task completion source (continuations run synchronously, on the
/// completing scheduler callback; the operation is its own source, one object less per operation) and the
/// registration of the caller's cancellation token.
/// </summary>
/// <typeparam name="T">The operation's result.</typeparam>
internal sealed class PendingOperation<T> : TaskCompletionSource<T>
{
    private CancellationTokenRegistration _registration;
    private VirtualNetwork? _network;
    private Action<PendingOperation<T>>? _onCancelled;
    private CancellationToken _cancellationToken;

    public bool IsPending => !Task.IsCompleted;

    /// <summary>Creates an operation that, when <paramref name="cancellationToken"/> is cancelled, runs <paramref name="onCancelled"/> in a scheduler callback.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last", Justification = "The callback comes last so that call sites read as a block; internal.")]
    public static PendingOperation<T> Start(VirtualNetwork network, CancellationToken cancellationToken, Action<PendingOperation<T>> onCancelled)
    {
        var operation = new PendingOperation<T>();
        if (cancellationToken.CanBeCanceled)
        {
            operation._network = network;
            operation._onCancelled = onCancelled;
            operation._cancellationToken = cancellationToken;
            operation._registration = cancellationToken.Register(static o => ((PendingOperation<T>)o!).OnTokenCancelled(), operation);
        }

        return operation;
    }

    public new bool TrySetResult(T result)
    {
        _registration.Dispose();
        return base.TrySetResult(result);
    }

    public new bool TrySetException(Exception exception)
    {
        _registration.Dispose();
        return base.TrySetException(exception);
    }

    private void OnTokenCancelled() => _network!.Post(() =>
    {
        if (IsPending)
        {
            _onCancelled!(this);
            _registration.Dispose();
            TrySetCanceled(_cancellationToken);
        }
    });
}
