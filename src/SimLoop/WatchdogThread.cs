namespace SimLoop;

/// <summary>
/// The process's one blocking-step watchdog thread: it checks every running loop's <see cref="BlockingWatchdog"/> in
/// turn, at the shortest period among them, and lingers <see cref="IdleLingerMs"/> after the last run stops before it
/// exits. One thread for all loops, not one per loop: an exploration starts a loop per iteration (thousands a second),
/// and a thread started and ended per iteration cost more than the iteration's own steps.
/// </summary>
/// <remarks>
/// Only real time is read here (a blocked loop thread cannot be seen from virtual time); nothing here reaches a run's
/// decisions or trace, so the order in which loops are checked is immaterial. The thread starts with no execution
/// context (a task's context would mark it as escaped work).
/// </remarks>
internal static class WatchdogThread
{
    /// <summary>How long the thread waits with no run to watch before it exits.</summary>
    internal const int IdleLingerMs = 250;

    private const int LongestPeriodMs = 1000;
    private static readonly object s_gate = new();
    private static readonly List<BlockingWatchdog> s_watched = new(); // under s_gate
    private static Thread? s_thread;              // under s_gate
    private static long s_waitingMs = long.MaxValue; // under s_gate: the thread's current wait (MaxValue: idle)
    private static int s_threadsStarted;          // under s_gate

    /// <summary>How many watchdog threads this process started so far (for tests).</summary>
    internal static int ThreadsStarted
    {
        get
        {
            lock (s_gate)
            {
                return s_threadsStarted;
            }
        }
    }

    /// <summary>Adds <paramref name="watchdog"/>'s run to those the thread checks; starts the thread if none runs.</summary>
    public static void Watch(BlockingWatchdog watchdog)
    {
        lock (s_gate)
        {
            if (!s_watched.Contains(watchdog))
            {
                s_watched.Add(watchdog);
            }

            if (s_thread is null)
            {
                s_threadsStarted++;
                s_thread = new Thread(Run) { IsBackground = true, Name = "SimLoop blocking watchdog" };
                s_thread.UnsafeStart();
            }
            else if (watchdog.PeriodMs < s_waitingMs)
            {
                Monitor.PulseAll(s_gate); // idle, or waiting longer than this run allows: check now
            }
        }
    }

    /// <summary>Takes <paramref name="watchdog"/>'s run off the thread's list (the run stopped, or the loop closed).</summary>
    public static void Unwatch(BlockingWatchdog watchdog)
    {
        lock (s_gate)
        {
            s_watched.Remove(watchdog);
        }
    }

    /// <summary>Whether the thread is alive and checks <paramref name="watchdog"/>'s run.</summary>
    public static bool IsWatching(BlockingWatchdog watchdog)
    {
        lock (s_gate)
        {
            return s_thread is not null && s_watched.Contains(watchdog);
        }
    }

    private static void Run()
    {
        var round = new List<BlockingWatchdog>();
        while (true)
        {
            long period = LongestPeriodMs;
            lock (s_gate)
            {
                if (s_watched.Count == 0)
                {
                    s_waitingMs = long.MaxValue;
                    Monitor.Wait(s_gate, IdleLingerMs);
                    if (s_watched.Count == 0)
                    {
                        s_thread = null;
                        return;
                    }
                }

                round.AddRange(s_watched);
            }

#pragma warning disable RS0030 // The watchdog measures real time on purpose: a blocked loop thread cannot be seen from virtual time.
            long now = Environment.TickCount64;
#pragma warning restore RS0030
            foreach (BlockingWatchdog watchdog in round)
            {
                watchdog.CheckRunning(now);
                period = Math.Min(period, watchdog.PeriodMs);
            }

            round.Clear(); // hold no loop between rounds
            lock (s_gate)
            {
                if (s_watched.Count > 0)
                {
                    s_waitingMs = period;
                    Monitor.Wait(s_gate, (int)period);
                }
            }
        }
    }
}
