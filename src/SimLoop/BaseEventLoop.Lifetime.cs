namespace SimLoop;

public abstract partial class BaseEventLoop
{
    // Ids are handed out in registration order and never reused. The loop's own tasks are linked through themselves,
    // in registration order (no allocation, no entry per task); other tasks (third-party ones, or another loop's) are
    // in a dictionary, which AllTasks sorts by id (it is hash-ordered, so its order never reaches a caller).
    private readonly Dictionary<ILoopTask, long> _idsByTask = new(ReferenceEqualityComparer.Instance);
    private RegisteredTaskList _ownTasks;
    private long _nextTaskId;
    private IStepRunner? _startingTask; // the task whose first step called its body, and that body: kept for the step's
    private Delegate? _startingBody;    // observers until the step ends (the task itself keeps only the body's Task)
    private ILoopTask? _currentTask;

    /// <summary>The task being executed on this loop, or null (asyncio's <c>current_task(loop)</c>).</summary>
    public ILoopTask? CurrentTask => _currentTask;

    /// <summary>
    /// Registers a task as managed by this loop (asyncio's <c>_register_task</c>); call it from the task's constructor.
    /// Registering twice is harmless.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <returns>The task's id on this loop (stable across runs of the same seed).</returns>
    public long RegisterTask(ILoopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        long id;
        if (OwnRunner(task) is { } own)
        {
            if (_ownTasks.Contains(own))
            {
                return own.Id;
            }

            id = ++_nextTaskId;
            _ownTasks.Add(own);
        }
        else
        {
            if (_idsByTask.TryGetValue(task, out long existing))
            {
                return existing;
            }

            id = ++_nextTaskId;
            _idsByTask.Add(task, id);
        }

        _observer?.TaskRegistered(task, id);
        return id;
    }

    /// <summary>
    /// Unregisters a task (asyncio's <c>_unregister_task</c>); call it when the task is about to finish. A task that
    /// was never registered is ignored.
    /// </summary>
    /// <param name="task">The task.</param>
    public void UnregisterTask(ILoopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (OwnRunner(task) is { } own)
        {
            _ownTasks.Remove(own);
        }
        else
        {
            _idsByTask.Remove(task);
        }
    }

    /// <summary>
    /// Makes <paramref name="task"/> the current task (asyncio's <c>_enter_task</c>); call it just before running a
    /// step of the task.
    /// </summary>
    /// <param name="task">The task about to run a step.</param>
    /// <exception cref="InvalidOperationException">Another task is being executed.</exception>
    public void EnterTask(ILoopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        MakeCurrent(task);
        _observer?.TaskEntered(task);
    }

    /// <summary>Makes <paramref name="task"/> current, refusing when another task is.</summary>
    private void MakeCurrent(ILoopTask task)
    {
        if (_currentTask is not null)
        {
            throw new InvalidOperationException($"Cannot enter into task {task.Name} while another task {_currentTask.Name} is being executed.");
        }

        _currentTask = task;
    }

    /// <summary>
    /// Switches the current task back from <paramref name="task"/> to none (asyncio's <c>_leave_task</c>); call it
    /// just after a step of the task.
    /// </summary>
    /// <param name="task">The task whose step just ran.</param>
    /// <exception cref="InvalidOperationException"><paramref name="task"/> is not the current task.</exception>
    public void LeaveTask(ILoopTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!ReferenceEquals(_currentTask, task))
        {
            throw new InvalidOperationException($"Leaving task {task.Name} does not match the current task {_currentTask?.Name ?? "None"}.");
        }

        _observer?.TaskLeft(task);
        _currentTask = null;
        if (_startingBody is not null)
        {
            ForgetStartingBody();
        }
    }

    /// <summary>Keeps the body <paramref name="task"/>'s first step has just called, until that step ends.</summary>
    internal void KeepStartingBody(IStepRunner task, Delegate body)
    {
        _startingTask = task;
        _startingBody = body;
    }

    /// <summary>The body of <paramref name="task"/> if its first step runs now and has called it, else null.</summary>
    internal Delegate? StartingBodyOf(IStepRunner task) => ReferenceEquals(_startingTask, task) ? _startingBody : null;

    /// <summary>Drops the body kept by <see cref="KeepStartingBody"/>.</summary>
    internal void ForgetStartingBody()
    {
        _startingTask = null;
        _startingBody = null;
    }

    /// <summary>
    /// Every registered task of this loop that is not done (asyncio's <c>all_tasks(loop)</c>), third-party tasks
    /// included, in registration order.
    /// </summary>
    public IReadOnlyList<ILoopTask> AllTasks()
    {
        var pending = new List<KeyValuePair<ILoopTask, long>>(_ownTasks.Count + _idsByTask.Count);
        for (IRegistryLinks? node = _ownTasks.First; node is not null; node = node.NextRegistered)
        {
            var task = (ILoopTask)node;
            if (!task.IsDone)
            {
                pending.Add(new KeyValuePair<ILoopTask, long>(task, pending.Count)); // already in registration order
            }
        }

        if (_idsByTask.Count > 0)
        {
            // Merged by id with the others: the loop's own tasks by their ids now.
            for (int i = 0; i < pending.Count; i++)
            {
                pending[i] = new KeyValuePair<ILoopTask, long>(pending[i].Key, TaskIdOf(pending[i].Key));
            }

            foreach (KeyValuePair<ILoopTask, long> entry in _idsByTask)
            {
                if (!entry.Key.IsDone)
                {
                    pending.Add(entry);
                }
            }

            pending.Sort(static (a, b) => a.Value.CompareTo(b.Value)); // ids are unique: a total order, whatever the hash order was
        }

        var result = new ILoopTask[pending.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = pending[i].Key;
        }

        return result;
    }

    /// <summary>The id a registered task got from <see cref="RegisterTask"/>, or 0 if it is not registered.</summary>
    /// <param name="task">The task.</param>
    public long TaskIdOf(ILoopTask task) =>
        OwnRunner(task) is { } runner ? (runner.Id != 0 ? runner.Id : _ownTasks.Contains(runner) ? _nextTaskId : 0) // 0 while its constructor registers it: the latest id
        : _idsByTask.TryGetValue(task, out long id) ? id : 0;

    /// <summary>The task as one of this loop's own (linked in its registry), or null for any other task.</summary>
    private IStepRunner? OwnRunner(ILoopTask task) => task is IStepRunner runner && ReferenceEquals(runner.Loop, this) ? runner : null;

    /// <summary>
    /// Swaps the current task for an eager first step (asyncio 3.12's <c>_swap_current_task</c>) and returns the
    /// previous one, which the caller restores with a second call.
    /// </summary>
    internal ILoopTask? SwapCurrentTask(ILoopTask? task)
    {
        ILoopTask? previous = _currentTask;
        _currentTask = task;
        return previous;
    }
}
