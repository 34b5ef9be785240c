using System.Runtime.CompilerServices;

namespace SimLoop;

/// <summary>
/// Escape control for one simulated loop: notices work of the loop's tasks that runs on another thread (a marker in
/// each task's execution context, wrong-thread calls, continuations posted back from elsewhere), keeps the first
/// report, and when the loop is idle tells an escape from a deadlock (waiting a bounded real-time grace for escaped
/// work to report itself).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Its ManualResetEventSlims are waited on with timeouts only (no kernel handle is created); they live as long as the loop.")]
internal sealed class EscapeControl : IForeignThreadPolicy
{
    private static readonly AsyncLocal<object?> s_marker = new(OnMarkerChanged); // a loop task of ours itself, an EscapeMarker, or s_noTask
    private static readonly object s_noTask = new(); // the marker of a context that no task owns yet (see PrepareTaskContext)

    private readonly BaseEventLoop _loop;
    private readonly ulong _seed;
    private readonly TimeSpan _gracePeriod;
    private readonly bool _adoptsThreadPoolWork;
    private readonly ManualResetEventSlim _foreignWork = new(false);
    private readonly object _runGate = new();
    private long _runsStopped; // under _runGate: a held thread waits until it changes (a flag reset by the next run could miss it)
    private string? _escape; // the first escape reported; written once by CompareExchange, read with Volatile.Read
    private bool _escapeSeenOnLoopThread; // the first report came from the loop thread inside a step: the loop's state is exact
    private MarkedSource? _lastUnmarked; // the last context without a marker that a task was created from, and its marked copy (one reference: tasks may be created on any thread)

    /// <summary>Creates the escape control of <paramref name="loop"/>.</summary>
    /// <param name="loop">The loop whose tasks are watched.</param>
    /// <param name="seed">The run's seed, for reports.</param>
    /// <param name="gracePeriod">How long an idle loop waits in real time for escaped work to report itself.</param>
    /// <param name="adoptsThreadPoolWork">Whether thread-pool work is adopted by the loop (then it is not an escape).</param>
    public EscapeControl(BaseEventLoop loop, ulong seed, TimeSpan gracePeriod, bool adoptsThreadPoolWork)
    {
        ArgumentNullException.ThrowIfNull(loop);
        _loop = loop;
        _seed = seed;
        _gracePeriod = gracePeriod;
        _adoptsThreadPoolWork = adoptsThreadPoolWork;
    }

    /// <summary>The run stopped: threads of their own that work of the loop's tasks started on, held since, go on.</summary>
    public void RunStopped()
    {
        lock (_runGate)
        {
            _runsStopped++;
            Monitor.PulseAll(_runGate);
        }
    }

    /// <summary>Whether an escape was reported.</summary>
    public bool HasEscaped => Volatile.Read(ref _escape) is not null;

    /// <inheritdoc/>
    public ExecutionContext? PrepareTaskContext(ExecutionContext? context, ILoopTask task)
    {
        if (context is null)
        {
            return null;
        }

        // Build a copy of the context that carries a marker naming this loop and task: when a thread-pool thread
        // picks up work that captured it, the marker's change handler runs there and reports the escape. A loop task
        // of this loop is its own marker (its loop leads back here): an idle task keeps no marker object.
        object marker = task is IStepRunner runner && ReferenceEquals(runner.Loop.ForeignThreadPolicy, this) ? task : new EscapeMarker(this, task);

        // A context that already carries the marker (a task created in a step) lends its list of change-notified
        // locals to the copy; one that does not (a task created outside the loop) would make each copy allocate
        // its own. So such a context is first marked "no task" once, and tasks created from it start from that.
        MarkedSource? last = Volatile.Read(ref _lastUnmarked);
        ExecutionContext source = last is not null && ReferenceEquals(context, last.Source) ? last.Marked : context;
        var building = new ContextBuilding(marker);
        ExecutionContext.Run(source, static s =>
        {
            var b = (ContextBuilding)s!;
            if (s_marker.Value is null)
            {
                s_marker.Value = s_noTask;
                b.MarkedSource = ExecutionContext.Capture();
            }

            s_marker.Value = b.Marker;
            b.Result = ExecutionContext.Capture();
        }, building);
        if (building.MarkedSource is { } markedSource)
        {
            Volatile.Write(ref _lastUnmarked, new MarkedSource(context, markedSource));
        }

        return building.Result ?? context;
    }

    /// <inheritdoc/>
    public bool ForeignThreadPost(ILoopTask owner)
    {
        ReportEscape($"a continuation of task {owner.Name} was posted back to the loop from another thread, so it ran on another thread first. {EscapeSources.DescribeForeignStack()}");
        return true;
    }

    /// <inheritdoc/>
    public void ForeignThreadCall(string what) =>
        ReportEscape($"{what} on another thread, not on the loop's thread. {EscapeSources.DescribeForeignStack()}");

    /// <inheritdoc/>
    public void WrongThread(string operation) =>
        ReportEscape($"{operation} was called from another thread, not from the loop's thread. {EscapeSources.DescribeForeignStack()}");

    /// <summary>
    /// With adoption off, a step of <paramref name="owner"/> queues an item to the thread pool (seen on the loop thread,
    /// inside the queuing call; the item is held until the run stops): the escape is reported at the end of that step.
    /// </summary>
    /// <param name="owner">The task whose step queues the item, or null for a loop callback.</param>
    public void ThreadPoolWorkQueued(ILoopTask? owner)
    {
        string message = $"{(owner is null ? "a loop callback" : "task " + owner.Name)} queued work to the thread pool in a step, with SimulationOptions.AdoptThreadPoolWork off, so it would run outside the loop. {EscapeSources.DescribeQueuingStack()}";
        if (Interlocked.CompareExchange(ref _escape, message, null) is null)
        {
            _escapeSeenOnLoopThread = true;
        }
    }

    /// <summary>Wakes an idle loop that waits for escaped work (work arrived from another thread).</summary>
    public void SignalForeignWork() => _foreignWork.Set();

    /// <summary>Throws the escape report when an escape was reported.</summary>
    public void ThrowIfEscaped()
    {
        string? escape = Volatile.Read(ref _escape);

        if (escape is not null)
        {
            // When a pending task's own wait names the escape, that description is the report: it is read from the
            // loop's state, so it is the same however fast the other thread was. A wait resumed elsewhere is exact
            // only when the escape was seen on the loop thread (its work is held, so nothing moved since); otherwise
            // the other thread's report, which names the culprit, is kept.
            throw UncontrolledWait() is { } wait && (wait.Kind != WaitKind.ResumedElsewhere || _escapeSeenOnLoopThread)
                ? wait.Exception
                : new UncontrolledConcurrencyException($"Uncontrolled concurrency (seed {_seed}): {escape}");
        }
    }

    /// <summary>
    /// Nothing is ready and no timer is pending. Before calling it a deadlock: a task that awaits a real-time timer
    /// or thread-pool work is an escape, known at once from what it awaits. Otherwise give work that escaped unseen
    /// (for example a <c>ThreadPool.QueueUserWorkItem</c> that will complete a <c>TaskCompletionSource</c>) a short
    /// real-time grace to come back and be reported, and keep waiting, up to a cap, while the thread pool still has
    /// queued work that may be ours.
    /// </summary>
    /// <param name="hasThreadSafeWork">Whether work already arrived through the loop's thread-safe queue.</param>
    public void WaitForEscapedWork(bool hasThreadSafeWork)
    {
        if (UncontrolledWait() is { } report)
        {
            if (report.Kind == WaitKind.ResumedElsewhere && !HasEscaped && _gracePeriod > TimeSpan.Zero)
            {
                // Completed on another thread: that thread's own report (which names the culprit) may be on its way.
                _foreignWork.Reset();
                _foreignWork.Wait(_gracePeriod);
                ThrowIfEscaped();
            }

            throw report.Exception;
        }

        _foreignWork.Reset();
        TimeSpan grace = _gracePeriod;
        if (grace <= TimeSpan.Zero || hasThreadSafeWork || HasEscaped)
        {
            return;
        }

        if (_foreignWork.Wait(grace))
        {
            return;
        }

        // The grace may be too short on a busy machine: while the pool has queued items, one of them may carry
        // this run's work. Wait in slices, up to twenty graces in all.
        for (int slice = 0; slice < 19 && PoolHasQueuedWork(); slice++)
        {
            if (_foreignWork.Wait(grace))
            {
                return;
            }
        }
    }

    /// <summary>The report for the first pending task (in registration order) whose wait only work outside the loop can end.</summary>
    private (UncontrolledConcurrencyException Exception, WaitKind Kind)? UncontrolledWait()
    {
        foreach (ILoopTask task in _loop.AllTasks())
        {
            if (task is IStepRunner && task.DescribeWait() is { } wait && IsUncontrolled(wait.Kind))
            {
                return (new UncontrolledConcurrencyException($"Uncontrolled concurrency (seed {_seed}): task {task.Name} {wait.Description}, outside the loop. {FixFor(wait.Kind)}"), wait.Kind);
            }
        }

        return null;
    }

    /// <summary>Whether only work outside the loop can end a wait of this kind (adopted thread-pool work is inside it).</summary>
    private bool IsUncontrolled(WaitKind kind) => kind switch
    {
        WaitKind.RealTimeTimer or WaitKind.ResumedElsewhere or WaitKind.DedicatedThread => true,
        WaitKind.ThreadPoolWork => !_adoptsThreadPoolWork,
        _ => false,
    };

    private static string FixFor(WaitKind kind) => kind switch
    {
        WaitKind.RealTimeTimer => "Pass loop.TimeProvider: Task.Delay(delay, loop.TimeProvider).",
        WaitKind.ThreadPoolWork => "Use loop.CreateTask instead, or keep SimulationOptions.AdoptThreadPoolWork on.",
        WaitKind.DedicatedThread => "A thread of its own is outside any loop's control: drop TaskCreationOptions.LongRunning (the loop adopts thread-pool work) or use loop.CreateTask.",
        _ => "Keep SimulationOptions.AdoptThreadPoolWork on, or remove ConfigureAwait(false) in code under test.",
    };

    private void ReportEscape(string message)
    {
        Interlocked.CompareExchange(ref _escape, message, null);

        SignalForeignWork();
    }

    private static void OnMarkerChanged(AsyncLocalValueChangedArgs<object?> args)
    {
        if (!args.ThreadContextChanged)
        {
            return;
        }

        (EscapeControl Escapes, ILoopTask Task)? marked = args.CurrentValue switch
        {
            EscapeMarker m => (m.Escapes, m.Task),
            IStepRunner { Loop.ForeignThreadPolicy: EscapeControl escapes } runner => (escapes, (ILoopTask)runner),
            _ => null,
        };
        if (marked is { } marker && marker.Escapes._loop.IsRunning && !marker.Escapes._loop.IsOnLoopThread)
        {
            if (!Thread.CurrentThread.IsThreadPoolThread)
            {
                // A thread of its own (new Thread(...).Start(), a LongRunning task) starts when the OS says so, and
                // the runtime tells nobody on the starting thread (its ThreadCreating event reaches listeners later,
                // on another thread): reporting from here would race the loop's own report. Hold the thread until the
                // run stops instead; the loop then reports what its own state shows, the same way on every run (a
                // LongRunning wait as WaitKind.DedicatedThread; a wait on what the thread would do as a deadlock).
                marker.Escapes.HoldUntilRunStops();
                return;
            }

            marker.Escapes.ReportEscape($"work of task {marker.Task.Name} started on another thread, outside the loop. {EscapeSources.DescribeForeignStack()}");
        }
    }

    /// <summary>Blocks a foreign thread until the run stops (bounded: a loop nobody runs to its end lets it go after a minute).</summary>
#pragma warning disable RS0030 // The hold is bounded in real time: a loop nobody runs to its end must not keep the thread forever.
    private void HoldUntilRunStops()
    {
        long deadline = Environment.TickCount64 + 60_000;
        lock (_runGate)
        {
            long run = _runsStopped;
            while (_runsStopped == run && Environment.TickCount64 is var now && now < deadline)
            {
                Monitor.Wait(_runGate, (int)(deadline - now));
            }
        }
    }
#pragma warning restore RS0030

#pragma warning disable RS0030 // Reading the pool's queue length is how escaped work is waited for; nothing is queued.
    private static bool PoolHasQueuedWork() => ThreadPool.PendingWorkItemCount > 0;
#pragma warning restore RS0030

    /// <summary>A context without a marker, and its copy marked "no task".</summary>
    private sealed class MarkedSource(ExecutionContext source, ExecutionContext marked)
    {
        public ExecutionContext Source { get; } = source;

        public ExecutionContext Marked { get; } = marked;
    }

    /// <summary>What building a task's marked context passes in and out of <see cref="ExecutionContext.Run"/>.</summary>
    private sealed class ContextBuilding(object marker)
    {
        public object Marker { get; } = marker;

        public ExecutionContext? MarkedSource { get; set; }

        public ExecutionContext? Result { get; set; }
    }

    /// <summary>The marker a task's execution context carries: which escape control and task the work belongs to.</summary>
    private sealed class EscapeMarker(EscapeControl escapes, ILoopTask task)
    {
        public EscapeControl Escapes { get; } = escapes;

        public ILoopTask Task { get; } = task;
    }
}
