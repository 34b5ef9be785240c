namespace SimLoop;

public abstract partial class BaseEventLoop
{
    // Ids are handed out in registration order and never reused; AllTasks sorts by id (the one registry is hash-ordered,
    // so its order never reaches a caller). One entry per live task: an idle task keeps no second (sorted) node.
    private readonly Dictionary<ILoopTask, long> _idsByTask = new(ReferenceEqualityComparer.Instance);
    private long _nextTaskId;
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
        if (_idsByTask.TryGetValue(task, out long existing))
        {
            return existing;
        }

        long id = ++_nextTaskId;
        _idsByTask.Add(task, id);
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
        _idsByTask.Remove(task);
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
    }

    /// <summary>
    /// Every registered task of this loop that is not done (asyncio's <c>all_tasks(loop)</c>), third-party tasks
    /// included, in registration order.
    /// </summary>
    public IReadOnlyList<ILoopTask> AllTasks()
    {
        var pending = new List<KeyValuePair<ILoopTask, long>>(_idsByTask.Count);
        foreach (KeyValuePair<ILoopTask, long> entry in _idsByTask)
        {
            if (!entry.Key.IsDone)
            {
                pending.Add(entry);
            }
        }

        pending.Sort(static (a, b) => a.Value.CompareTo(b.Value)); // ids are unique: a total order, whatever the hash order was
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
        task is IStepRunner runner && ReferenceEquals(runner.Loop, this) && runner.Id != 0 ? runner.Id
        : _idsByTask.TryGetValue(task, out long id) ? id : 0;

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
