using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace SimLoop;

/// <summary>
/// The state every loop future shares (asyncio's <c>Future</c>): pending, then finished with a result or an
/// exception, or cancelled. Done callbacks are never run inline: each is scheduled on the loop when the future
/// completes, in registration order.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public abstract class LoopFuture
{
    private protected enum FutureState : byte
    {
        Pending,
        Finished,
        Cancelled,
    }

    private protected FutureState _state;
    private object? _outcome; // pending: a task's requested cancel message; cancelled: the message (a string) or null; finished: a failure's ExceptionDispatchInfo, or null for a result
    private List<Callback>? _callbacks;
    private Callback _firstCallback; // the first callback, stored inline (no list for one awaiter); empty when its delegate is null

    // Two fields of LoopTask, declared here where they fill the padding after the future's own flags: a task is 8 B
    // smaller and a future no larger (the runtime lays each class's fields out after its base class's, padded).
    private protected int _taskCancelRequests;
    private protected bool _taskTokenCancelScheduled;

    /// <summary>Creates a pending future bound to <paramref name="loop"/> (the seed's "private constructor", public here).</summary>
    /// <param name="loop">The loop whose callbacks the future schedules.</param>
    protected LoopFuture(BaseEventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        Loop = loop;
    }

    /// <summary>The loop the future belongs to.</summary>
    public BaseEventLoop Loop { get; }

    /// <summary>Whether the future has a result, an exception, or was cancelled.</summary>
    public bool IsDone => _state != FutureState.Pending;

    /// <summary>Whether the future was cancelled.</summary>
    public bool IsCancelled => _state == FutureState.Cancelled;

    /// <summary>The message given to <see cref="Cancel"/>, if any.</summary>
    public string? CancelMessage => _state == FutureState.Cancelled ? _outcome as string : null;

    internal bool ExceptionRetrieved { get; private set; }

    /// <summary>While pending: the message of a requested cancellation (a task's, kept until its body ends).</summary>
    private protected string? RequestedCancelMessage
    {
        get => _state == FutureState.Pending ? _outcome as string : null;
        set => _outcome = _state == FutureState.Pending ? value : _outcome;
    }

    private ExceptionDispatchInfo? Failure => _state == FutureState.Finished ? _outcome as ExceptionDispatchInfo : null;

    internal Exception? ExceptionOrNull => Failure?.SourceException;

    /// <summary>Marks the exception as observed, so that closing the loop does not report it.</summary>
    internal void MarkExceptionRetrieved() => ExceptionRetrieved = true;

    /// <summary>
    /// The exception the future finished with, or null if it has a result (asyncio's <c>exception()</c>). Reading it
    /// marks the exception as retrieved.
    /// </summary>
    /// <exception cref="InvalidOperationException">The future is still pending.</exception>
    /// <exception cref="OperationCanceledException">The future was cancelled.</exception>
    public Exception? Exception
    {
        get
        {
            ThrowIfPendingOrCancelled();
            ExceptionRetrieved = true;
            return Failure?.SourceException;
        }
    }

    /// <summary>
    /// Cancels the future and schedules its callbacks (asyncio's <c>cancel(msg)</c>).
    /// </summary>
    /// <param name="message">A message carried by the <see cref="OperationCanceledException"/> that awaiting code sees.</param>
    /// <returns>False if the future was already done.</returns>
    public virtual bool Cancel(string? message = null)
    {
        if (IsDone)
        {
            return false;
        }

        _outcome = message;
        _state = FutureState.Cancelled;
        ScheduleCallbacks();
        return true;
    }

    /// <summary>Finishes the future with an exception.</summary>
    /// <param name="exception">The exception; an <see cref="OperationCanceledException"/> is accepted and cancels the future.</param>
    /// <exception cref="InvalidOperationException">The future is already done.</exception>
    public void SetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ThrowIfDone();
        SetExceptionCore(exception);
    }

    /// <summary>
    /// Adds a callback run when the future is done, as a loop callback in the given (or captured) execution context.
    /// If the future is already done, the callback is scheduled at once.
    /// </summary>
    /// <param name="callback">The callback; receives the future and <paramref name="state"/>.</param>
    /// <param name="state">The callback's state.</param>
    public void AddDoneCallback(Action<LoopFuture, object?> callback, object? state = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddCallback(new Callback(callback, state, ExecutionContext.Capture()));
    }

    /// <summary>Removes every registration of <paramref name="callback"/>; returns how many were removed.</summary>
    /// <param name="callback">The callback.</param>
    public int RemoveDoneCallback(Action<LoopFuture, object?> callback)
    {
        int removed = 0;
        if (_firstCallback.Delegate is not null && ReferenceEquals(_firstCallback.Delegate, callback))
        {
            _firstCallback = default;
            removed++;
        }

        if (_callbacks is not null)
        {
            removed += _callbacks.RemoveAll(c => ReferenceEquals(c.Delegate, callback));
        }

        return removed;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{GetType().Name.Split('`')[0]} {(_state == FutureState.Pending ? "pending" : _state == FutureState.Cancelled ? "cancelled" : Failure is null ? "finished" : "failed")}>";

    /// <summary>Registers an await continuation: it runs as a step of the awaiting task when the future is done.</summary>
    internal void AddContinuation(Action continuation, ILoopTask? owner, ExecutionContext? context) =>
        AddCallback(new Callback(continuation, owner, context));

    private protected void SetExceptionCore(Exception exception)
    {
        if (exception is OperationCanceledException oce)
        {
            _outcome = oce.Message;
            _state = FutureState.Cancelled;
        }
        else
        {
            _outcome = ExceptionDispatchInfo.Capture(exception);
            _state = FutureState.Finished;
            Loop.TrackFailedFuture(this);
        }

        ScheduleCallbacks();
    }

    private protected void MarkFinished()
    {
        _state = FutureState.Finished;
        ScheduleCallbacks();
    }

    private protected void ThrowIfDone()
    {
        if (IsDone)
        {
            throw new InvalidOperationException($"The future is already done ({this}); a result or exception can be set only once.");
        }
    }

    private protected void ThrowIfPendingOrCancelled()
    {
        if (_state == FutureState.Pending)
        {
            throw new InvalidOperationException("Result is not ready: the future is still pending. Await it first.");
        }

        if (_state == FutureState.Cancelled)
        {
            throw new OperationCanceledException(CancelMessage ?? "The future was cancelled.");
        }
    }

    /// <summary>Throws the stored exception or the cancellation; returns normally when there is a result.</summary>
    private protected void ThrowIfFailed()
    {
        ThrowIfPendingOrCancelled();
        if (Failure is { } failure)
        {
            ExceptionRetrieved = true;
            failure.Throw();
        }
    }

    private void AddCallback(Callback callback)
    {
        if (IsDone)
        {
            Schedule(callback);
            return;
        }

        if (_firstCallback.Delegate is null && _callbacks is null)
        {
            _firstCallback = callback;
        }
        else
        {
            (_callbacks ??= new List<Callback>(2)).Add(callback);
        }
    }

    private void ScheduleCallbacks()
    {
        if (_firstCallback.Delegate is not null)
        {
            Callback first = _firstCallback;
            _firstCallback = default;
            Schedule(first);
        }

        if (_callbacks is not null)
        {
            foreach (Callback c in _callbacks)
            {
                Schedule(c);
            }

            _callbacks = null;
        }
    }

    private void Schedule(Callback c)
    {
        if (c.Delegate is Action<LoopFuture, object?> done)
        {
            Loop.ScheduleSoon(static s => ((DoneCallbackInvocation)s!).Invoke(), new DoneCallbackInvocation(this, done, c.StateOrOwner), c.Context, owner: null);
        }
        else if (c.StateOrOwner is not null)
        {
            Loop.ScheduleStep(Unsafe.As<ILoopTask>(c.StateOrOwner), c.Delegate, null, c.Context); // an await continuation's: only ever its task
        }
        else
        {
            Loop.ScheduleSoon(c.Delegate, null, c.Context, owner: null);
        }
    }

    /// <summary>
    /// One registered callback: a done callback (an <see cref="Action{LoopFuture, Object}"/>) and its state, or an
    /// await continuation and the task it is a step of (never both: one field holds either, 8 B less per future).
    /// </summary>
    private readonly struct Callback(Delegate callback, object? stateOrOwner, ExecutionContext? context)
    {
        public Delegate Delegate { get; } = callback;

        public object? StateOrOwner { get; } = stateOrOwner;

        public ExecutionContext? Context { get; } = context;
    }

    private sealed class DoneCallbackInvocation(LoopFuture future, Action<LoopFuture, object?> callback, object? state)
    {
        public void Invoke() => callback(future, state);
    }
}
