namespace SimLoop;

/// <summary>
/// A loop's adoption of thread-pool work (one per <see cref="SimulatedEventLoop"/>): framework hops that the loop's
/// own thread queues during a step (a <c>ConfigureAwait(false)</c> continuation, <c>SemaphoreSlim.WaitAsync(token)</c>'s
/// internal await, a channel's asynchronous continuation, <c>Task.Run</c>), and the work that adopted work queues in
/// turn, become ready steps of the task whose step queued them. The scheduler chooses among them like any step; when
/// one is chosen the loop grants the worker that holds it and waits until the item is done. Deterministic by
/// construction: what is adopted is decided on the queuing thread inside the queuing call, and the item runs only
/// when the loop says so. With adoption off the same events serve escape control instead (<see cref="ForReports"/>):
/// an item a step queues is held, never run by the loop, and reported at the end of that step, so the report is the
/// same however busy the pool is; the held items go on when the run stops.
/// </summary>
internal sealed class ThreadPoolAdoption
{
    // Every adopted item of every loop that no worker has picked up yet, by the runtime's work id.
    private static readonly Dictionary<long, AdoptedWorkItem> s_queued = new();
    private static int s_queuedCount;

    [ThreadStatic]
    private static ThreadPoolAdoption? s_adoption; // the loop thread's own, or the adoption whose item this worker was granted

    private readonly SimulatedEventLoop _loop;
    private readonly EscapeControl? _reportTo; // set: hold and report queued items instead of running them
    private readonly List<AdoptedWorkItem> _outstanding = new(); // adopted, not granted yet (released when the loop closes)
    private int _loopThreadId;
    private bool _attached;

    public ThreadPoolAdoption(SimulatedEventLoop loop)
        : this(loop, reportTo: null)
    {
    }

    private ThreadPoolAdoption(SimulatedEventLoop loop, EscapeControl? reportTo)
    {
        _loop = loop;
        _reportTo = reportTo;
    }

    /// <summary>
    /// With adoption off: the items the loop's steps queue are held until the run stops and reported to
    /// <paramref name="escapes"/> as escapes, inside the queuing call. Where the runtime raises no pool events the
    /// loop goes without (escapes are then seen only when the pool runs them).
    /// </summary>
    public static ThreadPoolAdoption ForReports(SimulatedEventLoop loop, EscapeControl escapes) => new(loop, escapes);

    /// <summary>How many items this loop adopted so far.</summary>
    public long AdoptedCount { get; private set; }

    /// <summary>Called by the pool events on the queuing thread, inside the queuing call, before the item is pushed.</summary>
    public static void OnWorkQueued(long workId)
    {
        if (s_adoption is { } adoption && adoption.OwnsCurrentThread())
        {
            adoption.Adopt(workId);
        }
    }

    /// <summary>Called by the pool events on a worker just before it runs an item: holds it if a loop adopted it.</summary>
    public static void OnWorkStarting(long workId)
    {
        if (Volatile.Read(ref s_queuedCount) == 0)
        {
            return;
        }

        AdoptedWorkItem? item;
        lock (s_queued)
        {
            if (!s_queued.Remove(workId, out item))
            {
                return;
            }

            s_queuedCount--;
        }

        item.ArriveAndWait();
        if (item.WasGranted)
        {
            s_adoption = item.Adoption;
            BaseEventLoop.SetDelegatedLoop(item.Adoption._loop);
        }
    }

    /// <summary>Starts adopting for a run of the loop on the calling thread.</summary>
    public void Attach()
    {
        if (_reportTo is not null)
        {
            if (!ThreadPoolEvents.TryStart())
            {
                return;
            }
        }
        else
        {
            ThreadPoolEvents.EnsureStarted();
            PoolThreadReserve.Acquire();
        }

        _attached = true;
        _loopThreadId = Environment.CurrentManagedThreadId;
        s_adoption = this;
    }

    /// <summary>Stops adopting when the run ends; adopted items not run yet stay ready for the next run.</summary>
    public void Detach()
    {
        if (!_attached)
        {
            return;
        }

        _attached = false;
        if (ReferenceEquals(s_adoption, this))
        {
            s_adoption = null;
        }

        _loopThreadId = 0;
        if (_reportTo is null)
        {
            PoolThreadReserve.Release();
        }
        else
        {
            ReleaseAll(); // reported: the held items go on outside the loop
        }
    }

    /// <summary>The loop closes: every adopted item it will never run goes on outside the loop.</summary>
    public void ReleaseAll()
    {
        AdoptedWorkItem[] items = _outstanding.ToArray();
        _outstanding.Clear();
        foreach (AdoptedWorkItem item in items)
        {
            Forget(item);
            item.Release();
        }
    }

    /// <summary>The step of an adopted item: grant its worker and wait until the item is done.</summary>
    internal static void RunAdopted(object? state)
    {
        var item = (AdoptedWorkItem)state!;
        item.Adoption.Run(item);
    }

    private bool OwnsCurrentThread()
    {
        int current = Environment.CurrentManagedThreadId;
        return _loop.IsRunning && (current == _loopThreadId || _loop.IsDelegateThread(current));
    }

    private void Adopt(long workId)
    {
        var item = new AdoptedWorkItem(this, workId, _loop.CurrentTask);
        lock (s_queued)
        {
            if (!s_queued.TryAdd(workId, item))
            {
                return; // already adopted (a retiring worker re-queues its local items), or an id collision: keep the first
            }

            s_queuedCount++;
        }

        _outstanding.Add(item);
        if (_reportTo is not null)
        {
            _reportTo.ThreadPoolWorkQueued(item.Owner);
            return;
        }

        AdoptedCount++;
        _loop.ScheduleAdopted(item);
    }

    private void Run(AdoptedWorkItem item)
    {
        _outstanding.Remove(item);
        Thread? worker;
        try
        {
            worker = item.WaitForArrival(PoolThreadReserve.Grow);
        }
        catch
        {
            Forget(item);
            throw;
        }

        if (worker is null)
        {
            return; // released: the loop is closing
        }

        _loop.DelegateTo(worker, item.Label!);
        try
        {
            item.Grant();
            item.WaitUntilDone();
        }
        finally
        {
            _loop.EndDelegation();
        }
    }

    private static void Forget(AdoptedWorkItem item)
    {
        lock (s_queued)
        {
            if (s_queued.TryGetValue(item.WorkId, out AdoptedWorkItem? queued) && ReferenceEquals(queued, item))
            {
                s_queued.Remove(item.WorkId);
                s_queuedCount--;
            }
        }
    }
}
