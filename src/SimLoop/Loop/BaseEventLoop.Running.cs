using System.Diagnostics;
using System.Runtime.ExceptionServices;
using SimLoop.Scheduling;

namespace SimLoop;

public abstract partial class BaseEventLoop
{
    /// <inheritdoc/>
    public void RunForever()
    {
        CheckClosed();
        if (IsRunning)
        {
            throw new InvalidOperationException("This event loop is already running.");
        }

        if (t_running is not null)
        {
            throw new InvalidOperationException("Cannot run the event loop while another loop is running.");
        }

        _runningThreadId = Environment.CurrentManagedThreadId;
        t_running = this;
        try
        {
            OnRunStarting();
            while (true)
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
            t_running = null;
            OnRunStopped();
        }
    }

    /// <inheritdoc/>
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
            future.AddDoneCallback(static (_, loop) => ((BaseEventLoop)loop!).Stop(), this);
            RunForever();
        }

        if (!future.IsDone)
        {
            throw new InvalidOperationException("Event loop stopped before Future completed.");
        }

        return future.Result;
    }

    /// <inheritdoc/>
    public void RunUntilComplete(Func<CancellationToken, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        RunUntilComplete(CreateTask(body, "main"));
    }

    /// <inheritdoc/>
    public TResult RunUntilComplete<TResult>(Func<CancellationToken, Task<TResult>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunUntilComplete(CreateTask(body, "main"));
    }

    /// <inheritdoc/>
    public void Stop() => _stopping = true;

    /// <inheritdoc/>
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

    /// <summary>Called on the loop's thread when a run starts, before the first iteration.</summary>
    protected virtual void OnRunStarting()
    {
    }

    /// <summary>Called on the loop's thread when a run ends, normally or by an exception.</summary>
    protected virtual void OnRunStopped()
    {
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
    /// One iteration (asyncio's <c>_run_once</c>): wait for events (or move the clock) if nothing is ready, move
    /// due timers to the ready queue, then run as many handles as were ready at that moment; what they schedule
    /// runs in the next iteration.
    /// </summary>
    private void RunOnce()
    {
        DrainThreadSafe();
        TimerHandle? head = _timers.PeekLive();
        if (_ready.Count == 0 && !_stopping)
        {
            WaitForEvents(head is null ? null : Math.Max(0, head.WhenTicks - NowTicks));
            DrainThreadSafe();
        }

        MoveDueTimers();
        int todo = _ready.Count;
        for (int i = 0; i < todo && _ready.Count > 0; i++)
        {
            int index = _ready.Count == 1 ? 0 : ChooseNextReady(new ReadySet(_ready, _stepCount));
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

    /// <summary>
    /// Runs iterations from inside a loop callback until <paramref name="future"/> is done (a nested run, for
    /// advancing virtual time from a timer callback). Not allowed inside a task step, where the task is entered.
    /// </summary>
    internal void RunNested(LoopFuture future)
    {
        if (CurrentTask is { } task)
        {
            throw new InvalidOperationException($"Cannot advance the loop from inside a step of task {task.Name}: await a delay on the loop's TimeProvider instead.");
        }

        while (!future.IsDone)
        {
            RunOnce();
        }
    }

    /// <summary>Called before every handle the loop runs.</summary>
    /// <param name="handle">The handle about to run.</param>
    protected virtual void OnHandleStarting(Handle handle)
    {
    }

    private void RunHandle(Handle handle)
    {
        _stepCount++;
        OnHandleStarting(handle);
        long startTicks = Debug ? NowTicks : 0;
        try
        {
            if (handle.Owner is { } owner)
            {
                RunStep(owner, handle);
            }
            else
            {
                handle.Invoke();
            }
        }
        catch (Exception ex) when (ex is not LoopTerminatingException)
        {
            CallExceptionHandler(new ExceptionContext($"Exception in callback {handle}", ex) { Handle = handle });
        }

        if (Debug && NowTicks - startTicks > SlowCallbackDuration.Ticks)
        {
            Logger.LogSlowCallback(handle.ToString(), (NowTicks - startTicks) / (double)TimeSpan.TicksPerSecond);
        }

        OnHandleCompleted(handle);
    }

    /// <summary>Runs one step of a task: enter the task, run the callback in the task's context, leave the task.</summary>
    private void RunStep(ILoopTask owner, Handle handle)
    {
        EnterTask(owner);
        try
        {
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
