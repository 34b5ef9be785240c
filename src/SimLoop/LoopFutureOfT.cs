using System.Runtime.CompilerServices;

namespace SimLoop;

/// <summary>
/// A loop future with a result of type <typeparamref name="TResult"/>. Awaiting it inside a loop task makes the
/// continuation a new step of that task, scheduled through the loop when the future is done.
/// </summary>
/// <typeparam name="TResult">The result type.</typeparam>
public class LoopFuture<TResult> : LoopFuture
{
    private TResult? _result;
    private TaskCompletionSource<TResult>? _taskSource;

    /// <summary>Creates a pending future bound to <paramref name="loop"/> (asyncio's <c>Future(loop=loop)</c>).</summary>
    /// <param name="loop">The loop.</param>
    public LoopFuture(BaseEventLoop loop)
        : base(loop)
    {
    }

    /// <summary>
    /// The result (asyncio's <c>result()</c>): throws the stored exception, or an <see cref="OperationCanceledException"/>
    /// carrying the cancel message.
    /// </summary>
    /// <exception cref="InvalidOperationException">The future is still pending.</exception>
    public TResult Result
    {
        get
        {
            ThrowIfFailed();
            return _result!;
        }
    }

    /// <summary>Finishes the future with a result and schedules its callbacks.</summary>
    /// <param name="result">The result.</param>
    /// <exception cref="InvalidOperationException">The future is already done.</exception>
    public void SetResult(TResult result)
    {
        ThrowIfDone();
        SetResultCore(result);
    }

    /// <summary>Whether the future is pending; if so, sets its result. For racing completions.</summary>
    /// <param name="result">The result.</param>
    public bool TrySetResult(TResult result)
    {
        if (IsDone)
        {
            return false;
        }

        SetResultCore(result);
        return true;
    }

    /// <summary>
    /// A <see cref="Task{TResult}"/> that completes with this future (for <c>Task.WhenAll</c> and other BCL helpers).
    /// It completes from a loop callback, so awaiting code resumes in its own context.
    /// </summary>
    public Task<TResult> AsTask()
    {
        if (_taskSource is null)
        {
            _taskSource = new TaskCompletionSource<TResult>();
            AddDoneCallback(static (f, _) => ((LoopFuture<TResult>)f).CompleteTaskSource());
        }

        return _taskSource.Task;
    }

    /// <summary>Gets an awaiter; awaiting a future of another loop, or a task awaiting itself, is an error.</summary>
    /// <exception cref="InvalidOperationException">The future belongs to another running loop, or a task awaits itself.</exception>
    public Awaiter GetAwaiter()
    {
        BaseEventLoop? running = BaseEventLoop.Running;
        if (running is not null && !ReferenceEquals(running, Loop))
        {
            throw new InvalidOperationException($"A task of one loop awaited {this}, which is attached to a different loop. Create futures with the loop that awaits them.");
        }

        if (!IsDone && ReferenceEquals(Loop.CurrentTask, this))
        {
            throw new InvalidOperationException($"Task {((ILoopTask)this).Name} cannot await itself.");
        }

        return new Awaiter(this);
    }

    private protected void SetResultCore(TResult result)
    {
        _result = result;
        MarkFinished();
    }

    private void CompleteTaskSource()
    {
        if (IsCancelled)
        {
            _taskSource!.TrySetCanceled();
        }
        else if (ExceptionOrNull is { } ex)
        {
            _ = Exception;
            _taskSource!.TrySetException(ex);
        }
        else
        {
            _taskSource!.TrySetResult(_result!);
        }
    }

    /// <summary>Awaits a <see cref="LoopFuture{TResult}"/>.</summary>
    public readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly LoopFuture<TResult> _future;

        internal Awaiter(LoopFuture<TResult> future) => _future = future;

        /// <summary>Whether the future is done.</summary>
        public bool IsCompleted => _future.IsDone;

        /// <summary>The result, or the exception or cancellation.</summary>
        public TResult GetResult()
        {
            if (_future.Loop.CurrentTask is IAwaitTracking tracking)
            {
                tracking.WaitingOn = null;
            }

            return _future.Result;
        }

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => Register(continuation, ExecutionContext.Capture());

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => Register(continuation, null);

        private void Register(Action continuation, ExecutionContext? context)
        {
            ILoopTask? owner = _future.Loop.CurrentTask;
            if (owner is IAwaitTracking tracking)
            {
                tracking.WaitingOn = _future;
            }

            _future.AddContinuation(continuation, owner, context);
        }
    }
}
