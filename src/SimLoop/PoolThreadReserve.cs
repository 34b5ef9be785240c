namespace SimLoop;

/// <summary>
/// Keeps enough thread-pool workers for adoption: every adopted item that arrives before the loop grants it holds a
/// worker, so the pool's minimum is raised for as many loops as adopt at once, and raised by one more whenever an
/// adopted item waits for a worker (a busy pool then adds one at once instead of after its starvation delay). The
/// minimum is never lowered again: moving it up and down around every run made the pool start and retire workers
/// each time, which cost more than the run itself on short runs.
/// </summary>
internal static class PoolThreadReserve
{
    private const int Ceiling = 512;
    private static readonly object s_gate = new();
    private static int s_users;

#pragma warning disable RS0030 // Adoption sizes the pool so that held workers never starve the items it waits for.
    public static void Acquire()
    {
        lock (s_gate)
        {
            s_users++;
            ThreadPool.GetMinThreads(out int workers, out int io);
            int wanted = Math.Min(Ceiling, Math.Max(workers, Environment.ProcessorCount + 8 * s_users));
            if (wanted > workers)
            {
                ThreadPool.SetMinThreads(wanted, io);
            }
        }
    }

    public static void Release()
    {
        lock (s_gate)
        {
            s_users--;
        }
    }

    /// <summary>An adopted item waits for a worker: let the pool create one now.</summary>
    public static void Grow()
    {
        lock (s_gate)
        {
            ThreadPool.GetMinThreads(out int workers, out int io);
            int wanted = Math.Min(Ceiling, Math.Max(workers, ThreadPool.ThreadCount + 1));
            if (wanted > workers)
            {
                ThreadPool.SetMinThreads(wanted, io);
            }
        }
    }
#pragma warning restore RS0030
}
