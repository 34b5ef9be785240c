using System.Diagnostics;
using System.Runtime.ExceptionServices;
using SimLoop.Scheduling;

namespace SimLoop;

public abstract partial class BaseEventLoop
{
    /// <summary>Runs until <see cref="Stop"/> is called.</summary>
    /// <exception cref="InvalidOperationException">The loop is closed, already running, or another loop runs on this thread.</exception>
    public void RunForever() => RunCore(settleAtTicks: null);

    /// <summary>Throws unless the loop may start running on this thread now.</summary>
    private void CheckCanRun()
    {
        CheckClosed();
        if (IsRunning)
        {
            throw new InvalidOperationException("This event loop is already running.");
        }

        if (s_running is not null)
        {
            throw new InvalidOperationException("Cannot run the event loop while another loop is running.");
        }
    }

    /// <summary>
    /// Runs iterations until <see cref="Stop"/>, or, with <paramref name="settleAtTicks"/>, until the loop is settled
    /// at that instant: nothing ready and no timer due at or before it.
    /// </summary>
    private void RunCore(long? settleAtTicks)
    {
        CheckCanRun();
        _runningThreadId = Environment.CurrentManagedThreadId;
        s_running = this;
        try
        {
            _observer?.RunStarting();
            while (settleAtTicks is not { } target || !IsSettledAt(target))
            {
                RunOnce();
                if (_stopping)
                {
                    break;
                }
            }
        }
        finally
        {
            _stopping = false;
            _runningThreadId = 0;
            s_running = null;
            _observer?.RunStopped();
        }
    }

    /// <summary>Runs until <paramref name="future"/> is done and returns its result or throws its exception.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="future">A future or task of this loop.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The future belongs to another loop.</exception>
    /// <exception cref="InvalidOperationException">The loop stopped before the future completed.</exception>
    public TResult RunUntilComplete<TResult>(LoopFuture<TResult> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        CheckClosed();
        if (!ReferenceEquals(future.Loop, this))
        {
            throw new ArgumentException("The future belongs to a different loop than the one it is run on. Create it with this loop's CreateFuture or CreateTask.", nameof(future));
        }

        if (!future.IsDone)
        {
            CheckCanRun(); // refused before the future is touched: a refused call must not stop a later run
            future.AddDoneCallback(static (_, loop) => ((BaseEventLoop)loop!).Stop(), this);
            RunForever();
        }

        if (!future.IsDone)
        {
            throw new InvalidOperationException("Event loop stopped before Future completed.");
        }

        return future.Result;
    }

    /// <summary>Runs <paramref name="body"/> as a task named <c>main</c> until it completes.</summary>
    /// <param name="body">The async function.</param>
    public void RunUntilComplete(Func<CancellationToken, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        RunUntilComplete(CreateTask(body, "main"));
    }

    /// <summary>Runs <paramref name="body"/> as a task named <c>main</c> until it completes, and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="body">The async function.</param>
    /// <returns>The result.</returns>
    public TResult RunUntilComplete<TResult>(Func<CancellationToken, Task<TResult>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunUntilComplete(CreateTask(body, "main"));
    }

    /// <summary>Stops the loop after the current iteration; before a run, the next run does one iteration.</summary>
    public void Stop() => _stopping = true;

    /// <summary>Closes the loop: drops pending callbacks and reports task exceptions never retrieved. Idempotent.</summary>
    /// <exception cref="InvalidOperationException">The loop is running.</exception>
    public virtual void Close()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Cannot close a running event loop.");
        }

        if (_closed)
        {
            return;
        }

        ReportUnretrievedTaskExceptions();
        _closed = true;
        _ready.Clear();
        _timers.Clear();
        lock (_threadSafe)
        {
            _threadSafe.Clear();
            _threadSafePending = false;
        }
    }

    /// <summary>Whether a timer is scheduled; <paramref name="whenTicks"/> is the earliest live one's due time.</summary>
    protected bool TryPeekNextTimer(out long whenTicks)
    {
        TimerHandle? head = _timers.PeekLive();
        whenTicks = head?.WhenTicks ?? 0;
        return head is not null;
    }

    /// <summary>Whether handles are waiting in the thread-safe queue.</summary>
    protected bool HasThreadSafeCallbacks => _threadSafePending;

    /// <summary>The live timers in due order (for reports).</summary>
    protected IReadOnlyList<TimerHandle> PendingTimers() => _timers.LiveTimers();

    /// <summary>
    /// One iteration (asyncio's <c>_run_once</c>): clean cancelled timers up, wait for events (or move the clock) if
    /// nothing is ready, move due timers to the ready queue, then run exactly the handles that were ready at that
    /// moment (CPython's <c>ntodo</c> snapshot), in the order the strategy chooses among them; what they schedule runs
    /// in the next iteration.
    /// </summary>
    private void RunOnce()
    {
        _timers.CleanUp();
        DrainThreadSafe();
        TimerHandle? head = _timers.PeekLive();
        if (_ready.Count == 0 && !_stopping)
        {
            WaitForEvents(head is null ? null : Math.Max(0, head.WhenTicks - NowTicks));
            DrainThreadSafe();
        }

        MoveDueTimers();
        for (int remaining = _ready.Count; remaining > 0; remaining--)
        {
            // The snapshot is the first `remaining` handles: what runs now only appends behind them.
            int index = remaining == 1 || _observer is not { } observer ? 0 : observer.ChooseStep(new ReadySet(_ready, remaining, _stepCount));
            Handle handle = _ready.RemoveAt(index);
            if (handle.Cancelled)
            {
                continue;
            }

            RunHandle(handle);
        }
    }

    /// <summary>Moves every timer due now (when &lt;= now) to the ready queue, in due order.</summary>
    protected virtual void MoveDueTimers()
    {
        long now = NowTicks;
        while (_timers.PeekLive() is { } timer && timer.WhenTicks <= now)
        {
            _timers.Dequeue();
            _ready.Enqueue(timer);
        }
    }

    private void DrainThreadSafe()
    {
        if (!_threadSafePending)
        {
            return;
        }

        lock (_threadSafe)
        {
            _threadSafePending = false;
            while (_threadSafe.Count > 0)
            {
                Handle h = _threadSafe.Dequeue();
                _ready.Enqueue(h);
            }
        }
    }

    private void RunHandle(Handle handle)
    {
        _stepCount++;
        long started = Debug ? RealTimeClock.GetTimestamp() : 0;
        try
        {
            if (handle.Owner is { } owner)
            {
                RunStep(owner, handle);
            }
            else
            {
                _observer?.StepStarting(handle);
                handle.Invoke();
            }
        }
        catch (Exception ex) when (ex is not LoopTerminatingException)
        {
            CallExceptionHandler(new ExceptionContext($"Exception in callback {handle}", ex) { Handle = handle });
        }

        if (Debug && RealTimeClock.GetElapsedTime(started) is var elapsed && elapsed >= SlowCallbackDuration)
        {
            Logger.LogSlowCallback(handle.ToString(), elapsed.TotalSeconds);
        }

        _observer?.StepCompleted(handle);
    }

    /// <summary>Runs one step of a task: enter the task, run the callback in the task's context, leave the task.</summary>
    private void RunStep(ILoopTask owner, Handle handle)
    {
        MakeCurrent(owner);
        try
        {
            _observer?.StepStarting(handle);
            if (owner is IStepRunner runner)
            {
                runner.RunStep(handle);
            }
            else
            {
                handle.Invoke();
            }
        }
        finally
        {
            LeaveTask(owner);
        }
    }

    /// <summary>Rethrows an exception that must end the run (used by simulated loops for their reports).</summary>
    [StackTraceHidden]
    internal static void Rethrow(Exception exception) => ExceptionDispatchInfo.Capture(exception).Throw();
}
