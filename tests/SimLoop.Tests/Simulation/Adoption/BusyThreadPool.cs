namespace SimLoop.Tests.Simulation.Adoption;

/// <summary>
/// Occupies the thread pool as other code of a process can: long-running items queued from a thread that is not a
/// loop's, each blocked until <see cref="Dispose"/> (call it in a finally) sets the event they wait on.
/// </summary>
internal sealed class BusyThreadPool : IDisposable
{
    private readonly ManualResetEventSlim _release = new(false);
    private readonly CountdownEvent _finished;

    private BusyThreadPool(int items)
    {
        _finished = new CountdownEvent(items);
        for (int i = 0; i < items; i++)
        {
            ThreadPool.QueueUserWorkItem(static s =>
            {
                var pool = (BusyThreadPool)s!;
                pool._release.Wait();
                pool._finished.Signal();
            }, this);
        }
    }

    /// <summary>Queues <paramref name="items"/> blocked items.</summary>
    public static BusyThreadPool Occupy(int items) => new(items);

    /// <summary>Lets every item finish, and waits (bounded) until they did.</summary>
    public void Dispose()
    {
        _release.Set();
        _finished.Wait(TimeSpan.FromSeconds(30));
    }
}
