namespace SimLoop.Networking;

/// <summary>
/// An operation waiting for the network: a task completion source (continuations run synchronously, on the
/// completing scheduler callback) and the registration of the caller's cancellation token.
/// </summary>
/// <typeparam name="T">The operation's result.</typeparam>
internal sealed class PendingOperation<T>
{
    private readonly TaskCompletionSource<T> completion = new();
    private CancellationTokenRegistration registration;
    private VirtualNetwork? network;
    private Action<PendingOperation<T>>? onCancelled;
    private CancellationToken cancellationToken;

    public Task<T> Task => completion.Task;

    public bool IsPending => !completion.Task.IsCompleted;

    /// <summary>Creates an operation that, when <paramref name="cancellationToken"/> is cancelled, runs <paramref name="onCancelled"/> in a scheduler callback.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last", Justification = "The callback comes last so that call sites read as a block; internal.")]
    public static PendingOperation<T> Start(VirtualNetwork network, CancellationToken cancellationToken, Action<PendingOperation<T>> onCancelled)
    {
        var operation = new PendingOperation<T>();
        if (cancellationToken.CanBeCanceled)
        {
            operation.network = network;
            operation.onCancelled = onCancelled;
            operation.cancellationToken = cancellationToken;
            operation.registration = cancellationToken.Register(static o => ((PendingOperation<T>)o!).OnTokenCancelled(), operation);
        }

        return operation;
    }

    public bool TrySetResult(T result)
    {
        registration.Dispose();
        return completion.TrySetResult(result);
    }

    public bool TrySetException(Exception exception)
    {
        registration.Dispose();
        return completion.TrySetException(exception);
    }

    private void OnTokenCancelled() => network!.Post(() =>
    {
        if (IsPending)
        {
            onCancelled!(this);
            registration.Dispose();
            completion.TrySetCanceled(cancellationToken);
        }
    });
}
