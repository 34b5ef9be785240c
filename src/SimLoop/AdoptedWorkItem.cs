using System.Diagnostics;
using System.Globalization;

namespace SimLoop;

/// <summary>
/// One thread-pool work item that a loop adopted: queued from a loop step (or from adopted work), it is a ready step
/// of the task that queued it. The worker that picks it up is held before the item runs until the loop grants it;
/// the loop thread then waits until the item is done, so exactly one thread touches the loop at a time.
/// </summary>
/// <remarks>
/// The end of the item is the pool's own reset of the worker's name after every item: the worker is given a name of
/// this item's own (a fresh string instance) before the item runs, and the item is done when the worker's name is no
/// longer that instance. Code that renames its pool thread ends its adopted item early (documented).
/// </remarks>
[DebuggerDisplay("adopted work {WorkId} of {Owner?.Name} state={_state}")]
internal sealed class AdoptedWorkItem
{
    private const int Queued = 0;
    private const int Arrived = 1;
    private const int Granted = 2;
    private const int Released = 3;

    private const int NeverArrivedMs = 30_000;

    private int _state;
    private Thread? _worker;
    private string? _label;

    public AdoptedWorkItem(ThreadPoolAdoption adoption, long workId, ILoopTask? owner)
    {
        Adoption = adoption;
        WorkId = workId;
        Owner = owner;
    }

    public ThreadPoolAdoption Adoption { get; }

    /// <summary>The runtime's identity of the item (its object hash), as the pool events carry it.</summary>
    public long WorkId { get; }

    /// <summary>The task whose step queued the item (null for a plain loop callback).</summary>
    public ILoopTask? Owner { get; }

    /// <summary>The name the worker carries while it runs the item (set when a worker arrives).</summary>
    public string? Label => _label;

    /// <summary>Whether the loop granted the item (false when it was released to run freely).</summary>
    public bool WasGranted => Volatile.Read(ref _state) == Granted;

    /// <summary>On the worker, before the item runs: names the worker, tells the loop, and waits for the grant.</summary>
    public void ArriveAndWait()
    {
        Thread worker = Thread.CurrentThread;
        string label = string.Concat("SimLoop adopted ", WorkId.ToString(CultureInfo.InvariantCulture));
        worker.Name = label; // the pool resets it after the item: the end signal
        lock (this)
        {
            _worker = worker;
            _label = label;
            if (_state == Queued)
            {
                _state = Arrived;
                Monitor.PulseAll(this);
            }

            while (_state == Arrived)
            {
                Monitor.Wait(this);
            }
        }
    }

    /// <summary>On the loop thread: waits until a worker holds the item; returns it, or null if the item was released.</summary>
    /// <param name="onSlowArrival">Called while the wait is long (to let the pool add a worker).</param>
    /// <exception cref="UncontrolledConcurrencyException">No worker picked the item up for a long time (see remarks of the message).</exception>
    public Thread? WaitForArrival(Action onSlowArrival)
    {
        lock (this)
        {
            for (int waitedMs = 0; _state == Queued; )
            {
                if (Monitor.Wait(this, 1))
                {
                    continue;
                }

                onSlowArrival();
                if (++waitedMs >= NeverArrivedMs)
                {
                    throw new UncontrolledConcurrencyException(
                        $"Thread-pool work queued by {Owner?.Name ?? "a loop callback"} was never picked up by a worker within {NeverArrivedMs / 1000} s of real time. " +
                        "The pool may have run it inline instead (a .Wait() or .Result on a Task.Run inside thread-pool work), or the pool is starved by blocked work: await instead of blocking.");
                }
            }

            return _state == Arrived ? _worker : null;
        }
    }

    /// <summary>On the loop thread: lets the held worker run the item.</summary>
    public void Grant()
    {
        lock (this)
        {
            _state = Granted;
            Monitor.PulseAll(this);
        }
    }

    /// <summary>On the loop thread: waits until the granted item is done (the pool reset the worker's name).</summary>
    public void WaitUntilDone()
    {
        Thread worker = _worker!;
        string label = _label!;
        var spin = default(SpinWait);
        while (ReferenceEquals(worker.Name, label))
        {
            spin.SpinOnce();
        }

        Interlocked.MemoryBarrier(); // what the worker wrote to the loop before the pool reset its name is seen from here on
    }

    /// <summary>Lets the item run freely, outside the loop (the loop is closed): a held worker goes on.</summary>
    public void Release()
    {
        lock (this)
        {
            if (_state is Queued or Arrived)
            {
                _state = Released;
                Monitor.PulseAll(this);
            }
        }
    }
}
