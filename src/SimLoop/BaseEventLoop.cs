using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// The common implementation of the loop contract (asyncio's <c>BaseEventLoop</c>): callbacks, timers, running,
/// futures and tasks, the task lifetime calls, the exception handler, and the generic halves of name resolution,
/// connections and servers. A subclass supplies the clock (<see cref="NowTicks"/>), the wait for events
/// (<see cref="WaitForEvents"/>) and, for networking, the transport hooks (<see cref="MakeSocketTransport"/> and
/// friends), exactly as the seed's "Writing a Custom Event Loop" describes.
/// </summary>
/// <remarks>All members except <see cref="CallSoonThreadSafe(Action)"/> must be called on the loop's thread.</remarks>
[DebuggerDisplay("{GetType().Name,nq} running={IsRunning} closed={IsClosed} ready={ReadyCount} timers={TimerCount}")]
public abstract partial class BaseEventLoop
{
    [ThreadStatic]
    private static BaseEventLoop? s_running;

    [ThreadStatic]
    private static BaseEventLoop? s_delegated; // the loop this thread last ran delegated work for (valid while it still holds it)

    private readonly ReadyQueue _ready = new();
    private readonly TimerHeap _timers = new();
    private readonly Queue<Handle> _threadSafe = new();
    private volatile bool _threadSafePending; // set under the lock with every enqueue; read without it
    private long _handleSequence;
    private bool _stopping;
    private bool _closed;
    private int _runningThreadId;
    private volatile int _delegateThreadId; // a thread that runs work on the loop's behalf while the loop thread waits for it
    private volatile string? _delegateLabel; // that thread's name while it does so (the pool resets it after the work)
    private long _stepCount;
    private ILoopObserver? _observer;
    private IForeignThreadPolicy? _foreignThreads;

    /// <summary>Creates a loop that logs through <paramref name="logger"/> (or nowhere).</summary>
    /// <param name="logger">Where the default exception handler and debug warnings write; null for none.</param>
    protected BaseEventLoop(ILogger? logger = null)
    {
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The loop running on the calling thread, or null (asyncio's <c>get_running_loop</c>, without the error).</summary>
    /// <remarks>On a thread that runs work on a loop's behalf (adopted thread-pool work), that loop.</remarks>
    public static BaseEventLoop? Running =>
        s_running ?? (s_delegated is { } delegated && delegated.IsDelegateThread(Environment.CurrentManagedThreadId) ? delegated : null);

    /// <summary>The logger the default exception handler and debug warnings write to.</summary>
    public ILogger Logger { get; }

    /// <summary>The loop's clock, in 100 ns ticks since the loop's start instant.</summary>
    public abstract long NowTicks { get; }

    /// <summary>The loop's clock in seconds (asyncio's <c>time()</c>).</summary>
    public double Time => NowTicks / (double)TimeSpan.TicksPerSecond;

    /// <summary>A <see cref="TimeProvider"/> backed by the loop's clock and timers.</summary>
    public abstract TimeProvider TimeProvider { get; }

    /// <summary>Whether the loop is running.</summary>
    public bool IsRunning => _runningThreadId != 0;

    /// <summary>Whether the loop was closed.</summary>
    public bool IsClosed => _closed;

    /// <summary>How many callbacks (steps) the loop has run so far.</summary>
    public long StepCount => _stepCount;

    /// <summary>How many handles are ready to run now.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>How many timers are scheduled, cancelled ones included until they are cleaned up.</summary>
    public int TimerCount => _timers.Count;

    /// <summary>How many scheduled timers are cancelled but not yet removed from the heap.</summary>
    internal int CancelledTimerCount => _timers.CancelledCount;

    /// <summary>
    /// Whether the calling thread may touch the loop now: the loop's own thread, or the one thread that runs work on
    /// the loop's behalf while the loop thread waits for it (adopted thread-pool work).
    /// </summary>
    internal bool IsOnLoopThread
    {
        get
        {
            int current = Environment.CurrentManagedThreadId;
            return _runningThreadId == current || IsDelegateThread(current);
        }
    }


    /// <summary>
    /// Lends the loop to <paramref name="thread"/> for as long as that thread's name is <paramref name="label"/> (the
    /// thread pool resets a worker's name after every item, so whatever the worker runs next is not the loop's).
    /// </summary>
    internal void DelegateTo(Thread thread, string label)
    {
        _delegateLabel = label;
        _delegateThreadId = thread.ManagedThreadId;
    }

    /// <summary>Takes the loop back from the delegate thread.</summary>
    internal void EndDelegation()
    {
        _delegateThreadId = 0;
        _delegateLabel = null;
    }

    /// <summary>Whether the thread with id <paramref name="current"/> is the delegate thread, still running the delegated work.</summary>
    internal bool IsDelegateThread(int current) =>
        current != 0 && _delegateThreadId == current && _delegateLabel is { } label && ReferenceEquals(Thread.CurrentThread.Name, label);

    /// <summary>Marks the calling thread as running work on <paramref name="loop"/>'s behalf (see <see cref="Running"/>).</summary>
    internal static void SetDelegatedLoop(BaseEventLoop loop) => s_delegated = loop;

    /// <summary>The never-started task that stands in as the current task during a step (see <c>CurrentTaskSlot</c>).</summary>
    internal Task? StepStandIn { get; set; }

    internal long NextHandleSequence() => Interlocked.Increment(ref _handleSequence);

    /// <summary>Sets the observer called at the fixed points of every run and step (see <see cref="ILoopObserver"/>); null for none.</summary>
    internal void SetObserver(ILoopObserver? observer) => _observer = observer;

    /// <summary>Sets what the loop does when its tasks' work meets another thread (see <see cref="IForeignThreadPolicy"/>); null for asyncio's behaviour.</summary>
    internal void SetForeignThreadPolicy(IForeignThreadPolicy? policy) => _foreignThreads = policy;

    /// <summary>
    /// Waits for events when nothing is ready (asyncio's selector <c>select(timeout)</c> followed by
    /// <c>_process_events</c>). A loop on virtual time moves its clock instead of waiting.
    /// </summary>
    /// <param name="timeoutTicks">How long to wait, in ticks: the time until the earliest timer; null when no timer
    /// is scheduled (wait until something arrives through <see cref="CallSoonThreadSafe(Action)"/>).</param>
    protected abstract void WaitForEvents(long? timeoutTicks);

    /// <summary>
    /// Wakes a loop blocked in <see cref="WaitForEvents"/> from another thread (asyncio's <c>_write_to_self</c>).
    /// </summary>
    protected abstract void WriteToSelf();

    /// <summary>Throws when called from a thread that is not the running loop's (the foreign-thread policy hears of it first).</summary>
    /// <param name="operation">What was called, for the message.</param>
    private void CheckThread(string operation)
    {
        if (_runningThreadId != 0 && !IsOnLoopThread)
        {
            _foreignThreads?.WrongThread(operation);
            throw new InvalidOperationException(
                $"{operation} was called from thread {Environment.CurrentManagedThreadId}, but the loop runs on thread {_runningThreadId}. " +
                "Only CallSoonThreadSafe may be called from another thread.");
        }
    }

    private void CheckClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException("Event loop is closed.");
        }
    }
}
