namespace SimLoop.Benchmarks;

/// <summary>
/// The workloads, shared by the BenchmarkDotNet classes and the program's own modes (check, memory, compression),
/// so that what is timed is exactly what is checked.
/// </summary>
public static class Workloads
{
    /// <summary>Default options (a trace of every step, the blocking-step watchdog on), as a test gets them.</summary>
    public static SimulatedEventLoop DefaultLoop(ulong seed = 1) => new(new SimulationOptions { Seed = seed, MaxSteps = null }); // benchmarks run millions of steps

    /// <summary>The cheapest options: decisions-only trace, no blocking-step watchdog.</summary>
    public static SimulatedEventLoop LeanLoop(ulong seed = 1) =>
        new(new SimulationOptions { Seed = seed, RecordTrace = false, BlockingStepTimeout = null, MaxSteps = null });

    /// <summary>Seeded due times in ticks, uniform in [1 ms, 1 h).</summary>
    public static long[] DueTimes(int count, int seed = 42)
    {
        var random = new Random(seed);
        var due = new long[count];
        long min = TimeSpan.FromMilliseconds(1).Ticks;
        long max = TimeSpan.FromHours(1).Ticks;
        for (int i = 0; i < due.Length; i++)
        {
            due[i] = random.NextInt64(min, max);
        }

        return due;
    }

    /// <summary>A seeded permutation of 0..count-1 (the order timers are cancelled in).</summary>
    public static int[] Permutation(int count, int seed = 7)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        return order;
    }

    /// <summary>How long to run the loop so that every due time in <see cref="DueTimes"/> has passed.</summary>
    public static readonly TimeSpan PastAllDueTimes = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);

    // ---------------------------------------------------------------------------------------------------------
    // Ping-pong: two tasks hand a value back and forth; each hand-over ("half") completes the future the other side
    // awaits and awaits a new one that it created itself. Returns the number of wake-ups (== halves).
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Ping-pong through <see cref="LoopFuture{TResult}"/>s on a loop.</summary>
    public static int LoopFuturePingPong(BaseEventLoop loop, int halves)
    {
        var game = new FutureGame(loop, halves);
        loop.RunUntilComplete(async _ =>
        {
            LoopTask a = loop.CreateTask(_ => game.Side(first: true), "A");
            LoopTask b = loop.CreateTask(_ => game.Side(first: false), "B");
            await a;
            await b;
        });
        return game.Wakeups;
    }

    /// <summary>Ping-pong through TaskCompletionSources (plain await of tcs.Task) between two loop tasks.</summary>
    public static int TcsPingPong(BaseEventLoop loop, int halves)
    {
        var game = new TcsGame(halves);
        loop.RunUntilComplete(async _ =>
        {
            LoopTask a = loop.CreateTask(_ => game.Side(first: true), "A");
            LoopTask b = loop.CreateTask(_ => game.Side(first: false), "B");
            await a;
            await b;
        });
        return game.Wakeups;
    }

    /// <summary>The same TaskCompletionSource ping-pong on the bare pump.</summary>
    public static int BarePumpPingPong(int halves)
    {
        var pump = new BarePump();
        var game = new TcsGame(halves);
        Task a = pump.Start(() => game.Side(first: true));
        Task b = pump.Start(() => game.Side(first: false));
        pump.Drain();
        if (!a.IsCompletedSuccessfully || !b.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("The bare pump's ping-pong did not finish.");
        }

        return game.Wakeups;
    }

    private sealed class FutureGame
    {
        private readonly BaseEventLoop _loop;
        private readonly LoopFuture<int> _first;
        private LoopFuture<int> _handoff;
        private int _remaining;

        public FutureGame(BaseEventLoop loop, int halves)
        {
            _loop = loop;
            _first = _handoff = loop.CreateFuture<int>();
            _remaining = halves;
        }

        public int Wakeups { get; private set; }

        public async Task Side(bool first)
        {
            if (!first)
            {
                Wakeups++;
                if (await _first < 0)
                {
                    return;
                }
            }

            while (true)
            {
                LoopFuture<int> mine = _loop.CreateFuture<int>();
                LoopFuture<int> other = _handoff;
                _handoff = mine;
                if (--_remaining <= 0)
                {
                    other.SetResult(-1);
                    return;
                }

                other.SetResult(1);
                int value = await mine;
                Wakeups++;
                if (value < 0)
                {
                    return;
                }
            }
        }
    }

    private sealed class TcsGame
    {
        private readonly TaskCompletionSource<int> _first;
        private TaskCompletionSource<int> _handoff;
        private int _remaining;

        public TcsGame(int halves)
        {
            _first = _handoff = new TaskCompletionSource<int>();
            _remaining = halves;
        }

        public int Wakeups { get; private set; }

        public async Task Side(bool first)
        {
            if (!first)
            {
                Wakeups++;
                if (await _first.Task < 0)
                {
                    return;
                }
            }

            while (true)
            {
                var mine = new TaskCompletionSource<int>();
                TaskCompletionSource<int> other = _handoff;
                _handoff = mine;
                if (--_remaining <= 0)
                {
                    other.SetResult(-1);
                    return;
                }

                other.SetResult(1);
                int value = await mine.Task;
                Wakeups++;
                if (value < 0)
                {
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Timers: create one timer per due time, then run until all have fired. Returns how many fired.
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Counts timer firings.</summary>
    public sealed class Counter
    {
        /// <summary>The count.</summary>
        public int Value;
    }

    private static readonly TimerCallback s_countTimer = static s => ((Counter)s!).Value++;
    private static readonly Action<object?> s_countCallback = static s => ((Counter)s!).Value++;

    /// <summary>Timers through <c>loop.TimeProvider.CreateTimer</c> (one-shot), fired by running the loop.</summary>
    public static int TimeProviderTimers(SimulatedEventLoop loop, long[] dueTicks)
    {
        var counter = new Counter();
        TimeProvider tp = loop.TimeProvider;
        foreach (long due in dueTicks)
        {
            tp.CreateTimer(s_countTimer, counter, TimeSpan.FromTicks(due), Timeout.InfiniteTimeSpan);
        }

        loop.RunFor(PastAllDueTimes);
        return counter.Value;
    }

    /// <summary>Timers through <c>loop.CallLater</c>, fired by running the loop.</summary>
    public static int CallLaterTimers(SimulatedEventLoop loop, long[] dueTicks)
    {
        var counter = new Counter();
        foreach (long due in dueTicks)
        {
            loop.CallLater(TimeSpan.FromTicks(due), s_countCallback, counter);
        }

        loop.RunFor(PastAllDueTimes);
        return counter.Value;
    }

    /// <summary>The lower limit: a bare priority queue of callbacks keyed by due time, drained in order.</summary>
    public static int BarePriorityQueueTimers(long[] dueTicks)
    {
        var counter = new Counter();
        Action callback = () => counter.Value++;
        var queue = new PriorityQueue<Action, long>();
        foreach (long due in dueTicks)
        {
            queue.Enqueue(callback, due);
        }

        long now = 0;
        while (queue.TryDequeue(out Action? next, out long when))
        {
            now = when;
            next();
        }

        GC.KeepAlive(now);
        return counter.Value;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cancelled timers: create all, cancel all in a seeded order, then run past every due time. Returns how many
    // fired (must be 0) and the largest heap seen relative to the live timers (when checked).
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>What a cancellation run saw.</summary>
    /// <param name="Fired">Timers that fired (must be 0).</param>
    /// <param name="MaxHeapOverLive">The largest TimerCount / live-timer ratio seen after a cancel (checked runs only; heaps under 101 are exempt).</param>
    /// <param name="MaxHeap">The largest TimerCount seen.</param>
    /// <param name="Violations">Cancels after which TimerCount exceeded twice the live timers (heaps over 100 only).</param>
    public readonly record struct CancelResult(int Fired, double MaxHeapOverLive, int MaxHeap, int Violations);

    /// <summary>Timers through <c>loop.CallLater</c>, cancelled with <c>handle.Cancel()</c>.</summary>
    public static CancelResult CallLaterCancelled(SimulatedEventLoop loop, long[] dueTicks, int[] cancelOrder, bool check)
    {
        var counter = new Counter();
        var handles = new TimerHandle[dueTicks.Length];
        for (int i = 0; i < dueTicks.Length; i++)
        {
            handles[i] = loop.CallLater(TimeSpan.FromTicks(dueTicks[i]), s_countCallback, counter);
        }

        var watch = new HeapWatch(loop, check);
        int live = dueTicks.Length;
        foreach (int i in cancelOrder)
        {
            handles[i].Cancel();
            watch.Observe(--live);
        }

        loop.RunFor(PastAllDueTimes);
        return watch.Result(counter.Value);
    }

    /// <summary>Timers through <c>loop.TimeProvider.CreateTimer</c>, cancelled with <c>Dispose()</c>.</summary>
    public static CancelResult TimeProviderDisposed(SimulatedEventLoop loop, long[] dueTicks, int[] cancelOrder, bool check)
    {
        var counter = new Counter();
        var timers = new ITimer[dueTicks.Length];
        TimeProvider tp = loop.TimeProvider;
        for (int i = 0; i < dueTicks.Length; i++)
        {
            timers[i] = tp.CreateTimer(s_countTimer, counter, TimeSpan.FromTicks(dueTicks[i]), Timeout.InfiniteTimeSpan);
        }

        var watch = new HeapWatch(loop, check);
        int live = dueTicks.Length;
        foreach (int i in cancelOrder)
        {
            timers[i].Dispose();
            watch.Observe(--live);
        }

        loop.RunFor(PastAllDueTimes);
        return watch.Result(counter.Value);
    }

    /// <summary>
    /// Churn: keep <paramref name="live"/> timers pending while <paramref name="operations"/> times a random one is
    /// cancelled and a new one created (a timeout that is reset, the common case), checking the heap after each.
    /// </summary>
    public static CancelResult CallLaterChurn(SimulatedEventLoop loop, int live, int operations, int seed = 11)
    {
        var random = new Random(seed);
        var counter = new Counter();
        var handles = new TimerHandle[live];
        long max = TimeSpan.FromHours(1).Ticks;
        for (int i = 0; i < live; i++)
        {
            handles[i] = loop.CallLater(TimeSpan.FromTicks(random.NextInt64(1, max)), s_countCallback, counter);
        }

        var watch = new HeapWatch(loop, check: true);
        for (int op = 0; op < operations; op++)
        {
            int i = random.Next(live);
            handles[i].Cancel();
            watch.Observe(live - 1);
            handles[i] = loop.CallLater(TimeSpan.FromTicks(random.NextInt64(1, max)), s_countCallback, counter);
            watch.Observe(live);
        }

        foreach (TimerHandle h in handles)
        {
            h.Cancel();
        }

        loop.RunFor(PastAllDueTimes);
        return watch.Result(counter.Value);
    }

    /// <summary>The lower limit: a bare priority queue with lazy deletion (a cancelled flag), drained in order.</summary>
    public static int BarePriorityQueueCancelled(long[] dueTicks, int[] cancelOrder)
    {
        var counter = new Counter();
        var entries = new BareTimer[dueTicks.Length];
        var queue = new PriorityQueue<BareTimer, long>();
        for (int i = 0; i < dueTicks.Length; i++)
        {
            entries[i] = new BareTimer(counter);
            queue.Enqueue(entries[i], dueTicks[i]);
        }

        foreach (int i in cancelOrder)
        {
            entries[i].Cancelled = true;
        }

        while (queue.TryDequeue(out BareTimer? next, out _))
        {
            if (!next.Cancelled)
            {
                next.Counter.Value++;
            }
        }

        return counter.Value;
    }

    private sealed class BareTimer(Counter counter)
    {
        public Counter Counter { get; } = counter;

        public bool Cancelled { get; set; }
    }

    /// <summary>
    /// Reads the heap after each cancel once a loop iteration has run: cancelled timers are cleaned up at the start of
    /// an iteration (CPython's <c>_run_once</c>), not inside <c>Cancel()</c>.
    /// </summary>
    private sealed class HeapWatch(SimulatedEventLoop loop, bool check)
    {
        private double _maxRatio;
        private int _maxHeap = loop.TimerCount;
        private int _violations;

        public void Observe(int live)
        {
            if (!check)
            {
                return;
            }

            loop.CallSoon(static () => { }); // RunFor runs no iteration when nothing is ready or due
            loop.RunFor(TimeSpan.Zero);
            int heap = loop.TimerCount;
            _maxHeap = Math.Max(_maxHeap, heap);
            if (live > 0 && heap > 100)
            {
                _maxRatio = Math.Max(_maxRatio, heap / (double)live);
            }

            if (heap > 100 && heap > 2 * live)
            {
                _violations++;
            }
        }

        public CancelResult Result(int fired) => new(fired, _maxRatio, _maxHeap, _violations);
    }
}
