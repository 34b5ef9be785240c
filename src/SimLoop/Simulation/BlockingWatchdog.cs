namespace SimLoop;

/// <summary>
/// One background thread that watches every running simulated loop with a blocking-step timeout, and interrupts a
/// loop thread whose step has not finished within it. This is the only place SimLoop reads real time: a step that
/// blocks the loop thread cannot be seen from virtual time.
/// </summary>
internal static class BlockingWatchdog
{
    private static readonly object s_gate = new();
    private static readonly List<(SimulatedEventLoop Loop, long TimeoutMs)> s_loops = new();
    private static Thread? s_thread;

    public static void Register(SimulatedEventLoop loop, TimeSpan timeout)
    {
        lock (s_gate)
        {
            s_loops.Add((loop, Math.Max(1, (long)timeout.TotalMilliseconds)));
            if (s_thread is null)
            {
                s_thread = new Thread(Watch) { IsBackground = true, Name = "SimLoop blocking watchdog" };
                s_thread.Start();
            }

            Monitor.PulseAll(s_gate);
        }
    }

    public static void Unregister(SimulatedEventLoop loop)
    {
        lock (s_gate)
        {
            s_loops.RemoveAll(e => ReferenceEquals(e.Loop, loop));
        }
    }

    private static void Watch()
    {
        while (true)
        {
            (SimulatedEventLoop Loop, long TimeoutMs)[] snapshot;
            long period;
            lock (s_gate)
            {
                while (s_loops.Count == 0)
                {
                    Monitor.Wait(s_gate);
                }

                snapshot = s_loops.ToArray();
                period = 1000;
                foreach (var entry in snapshot)
                {
                    period = Math.Min(period, Math.Max(5, entry.TimeoutMs / 4));
                }
            }

#pragma warning disable RS0030 // The watchdog measures real time on purpose: a blocked loop thread cannot be seen from virtual time.
            long now = Environment.TickCount64;
#pragma warning restore RS0030
            foreach (var (loop, timeoutMs) in snapshot)
            {
                loop.CheckBlocked(now, timeoutMs);
            }

            lock (s_gate)
            {
                Monitor.Wait(s_gate, (int)period);
            }
        }
    }
}
