using System.Diagnostics;

namespace SimLoop;

/// <summary>
/// A loop task (asyncio's <c>Task</c>): runs an ordinary <c>async</c> function on the loop, one step at a time.
/// Every step is bracketed by <see cref="BaseEventLoop.EnterTask"/> and <see cref="BaseEventLoop.LeaveTask"/>, runs
/// with the task's own <see cref="SynchronizationContext"/> and <see cref="TaskScheduler"/> current, and every await
/// continuation comes back to the loop as a new step of this task.
/// </summary>
/// <typeparam name="TResult">The result type.</typeparam>
[DebuggerDisplay("{ToString(),nq}")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The CancellationTokenSource has no timer and its token is handed to user code that may outlive the task: disposing it would make late registrations throw.")]
public class LoopTask<TResult> : LoopFuture<TResult>, ILoopTask, IStepRunner, IAwaitTracking
{
    // Runs OnBodyCompleted of the task whose synchronization context is current: the body's completion is registered
    // with the task's context current, so the runtime runs it either inline in one of the task's steps or posted to
    // that context as a new step of the task; both run with the context current. One delegate for every task.
    private static readonly Action s_bodyCompleted = static () => TaskSynchronizationContext.CurrentOwner<LoopTask<TResult>>().OnBodyCompleted();

    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskSynchronizationContext _syncContext;
    private readonly LoopTaskScheduler _scheduler;
    private object _body; // the body delegate until the first step calls it, then the Task it returned (the loop keeps the delegate until that step ends)
    private string? _name;
    private IRegistryLinks? _previousRegistered; // the loop's registry links (see RegisteredTaskList)
    private IRegistryLinks? _nextRegistered;

    /// <summary>
    /// Creates a task bound to <paramref name="loop"/> and schedules its first step (asyncio's
    /// <c>Task(coro, loop=loop, name=name, context=context)</c>).
    /// </summary>
    /// <param name="loop">The loop.</param>
    /// <param name="body">The async function; it receives a token that <see cref="Cancel"/> cancels.</param>
    /// <param name="name">The name; <c>Task-N</c> when null.</param>
    /// <param name="context">The execution context the first step runs in; the creator's when null.</param>
    /// <param name="eagerStart">Run the first step now, inside this constructor, when called on the running loop (asyncio 3.12's eager tasks).</param>
    public LoopTask(BaseEventLoop loop, Func<CancellationToken, Task<TResult>> body, string? name = null, ExecutionContext? context = null, bool eagerStart = false)
        : this(loop, (Func<CancellationToken, Task>)body, name, context, eagerStart)
    {
    }

    private protected LoopTask(BaseEventLoop loop, Func<CancellationToken, Task> body, string? name, ExecutionContext? context, bool eagerStart)
        : base(loop)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (loop.IsClosed)
        {
            throw new InvalidOperationException("Event loop is closed.");
        }

        _body = body;
        _syncContext = new TaskSynchronizationContext(this);
        _scheduler = new LoopTaskScheduler(this);
        _name = name; // before registering: the loop's trace records the name when the task registers
        Id = loop.RegisterTask(this);
        ExecutionContext? taskContext = loop.PrepareTaskContext(context ?? ExecutionContext.Capture(), this); // kept by the first step's handle, then by the body
        if (eagerStart && loop.IsRunning && loop.IsOnLoopThread)
        {
            StartEagerly(taskContext);
        }
        else
        {
            loop.ScheduleStep(this, static s => ((LoopTask<TResult>)s!).Start(), this, taskContext);
        }
    }

    /// <summary>The task's id on its loop (registration order).</summary>
    public long Id { get; }

    /// <inheritdoc/>
    public string Name => _name ??= $"Task-{(Id != 0 ? Id : Loop.TaskIdOf(this))}"; // built when first read (also while registering): an unnamed idle task keeps no string

    /// <summary>The token the body received; cancelled (from a loop callback) after <see cref="Cancel"/>.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The loop future this task awaits right now, if it awaits one.</summary>
    public LoopFuture? WaitingOn { get; private set; }

    LoopFuture? IAwaitTracking.WaitingOn { get => WaitingOn; set => WaitingOn = value; }

    internal SynchronizationContext SynchronizationContext => _syncContext;

    internal TaskScheduler TaskScheduler => _scheduler;

    /// <summary>
    /// Requests cancellation (asyncio's <c>cancel(msg)</c>): the loop future the task awaits, if any, is cancelled,
    /// and the body's token is cancelled from a loop callback. The task ends cancelled if its body ends with an
    /// <see cref="OperationCanceledException"/>. A task cancelled before its first step never runs its body.
    /// </summary>
    /// <param name="message">The message carried by the cancellation.</param>
    /// <returns>False if the task is already done.</returns>
    public override bool Cancel(string? message = null)
    {
        if (IsDone)
        {
            return false;
        }

        _taskCancelRequests++;
        RequestedCancelMessage = message; // kept in the future's outcome field while pending
        WaitingOn?.Cancel(message);
        if (!_taskTokenCancelScheduled)
        {
            _taskTokenCancelScheduled = true;
            Loop.ScheduleSoon(static s => ((LoopTask<TResult>)s!).CancelToken(), this, null, owner: null);
        }

        return true;
    }

    /// <summary>How many cancellation requests are pending (asyncio's <c>cancelling()</c>).</summary>
    public int Cancelling() => _taskCancelRequests;

    /// <summary>Decrements the pending cancellation requests (asyncio's <c>uncancel()</c>) and returns the new count.</summary>
    public int Uncancel()
    {
        if (_taskCancelRequests > 0)
        {
            _taskCancelRequests--;
        }

        return _taskCancelRequests;
    }

    /// <inheritdoc/>
    public TaskWait? DescribeWait() =>
        IsDone ? null
        : WaitingOn is not null ? new TaskWait(WaitKind.LoopFuture, $"awaits {WaitingOn}")
        : _body is not Task bodyTask ? new TaskWait(WaitKind.NotStarted, "not started")
        : AwaitInspector.Describe(bodyTask);

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name.Split('`')[0]} {Name} {base.ToString().Trim('<', '>').Split(' ')[^1]}>";

    Delegate IStepRunner.Body => (_body as Delegate ?? Loop.StartingBodyOf(this))!; // after the first step has ended: not read

    Task? IStepRunner.BodyTask => _body as Task;

    IRegistryLinks? IRegistryLinks.PreviousRegistered { get => _previousRegistered; set => _previousRegistered = value; }

    IRegistryLinks? IRegistryLinks.NextRegistered { get => _nextRegistered; set => _nextRegistered = value; }

    void IStepRunner.RunStep(Handle handle)
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            _scheduler.RunStep(handle);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void StartEagerly(ExecutionContext? taskContext)
    {
        ILoopTask? previous = Loop.SwapCurrentTask(this);
        try
        {
            ((IStepRunner)this).RunStep(new Handle(Loop, (Action<object?>)(static s => ((LoopTask<TResult>)s!).Start()), this, taskContext, this));
        }
        finally
        {
            Loop.SwapCurrentTask(previous);
            Loop.ForgetStartingBody(); // no observer saw this step
        }
    }

    private void Start()
    {
        if (_taskCancelRequests > 0)
        {
            FinishCancelled(null);
            return;
        }

        Task body;
        try
        {
            body = ((Func<CancellationToken, Task>)_body)(_cancellation.Token) ?? throw new InvalidOperationException($"The body of task {Name} returned null instead of a Task.");
        }
        catch (Exception ex)
        {
            body = Task.FromException(ex);
        }

        Loop.KeepStartingBody(this, (Delegate)_body); // for this step's observers, until it ends
        _body = body;
        if (body.IsCompleted)
        {
            OnBodyCompleted();
        }
        else
        {
            // Registered while this task's context is current: a completion inside one of our steps finishes the
            // task inline; any other completion posts one more step of this task (see s_bodyCompleted).
            body.GetAwaiter().UnsafeOnCompleted(s_bodyCompleted);
        }
    }

    private void OnBodyCompleted()
    {
        var body = (Task)_body;
        if (!Loop.IsOnLoopThread && Loop.IsRunning)
        {
            Loop.OnForeignThreadCall($"the body of task {Name} completed", this);
        }

        try
        {
            body.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException oce)
        {
            FinishCancelled(oce);
            return;
        }
        catch (Exception ex)
        {
            Loop.UnregisterTask(this);
            SetExceptionCore(ex);
            return;
        }

        Loop.UnregisterTask(this);
        SetResultCore(body is Task<TResult> typed ? typed.Result : default!);
    }

    private void FinishCancelled(OperationCanceledException? oce)
    {
        Loop.UnregisterTask(this);
        string message = RequestedCancelMessage ?? oce?.Message ?? $"Task {Name} was cancelled.";
        SetExceptionCore(new OperationCanceledException(message, oce, _cancellation.Token));
    }

    private void CancelToken()
    {
        if (!IsDone)
        {
            _cancellation.Cancel();
        }
    }
}
