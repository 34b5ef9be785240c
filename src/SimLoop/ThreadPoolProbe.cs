using System.Runtime.CompilerServices;

namespace SimLoop;

/// <summary>
/// Checks, once per process, the runtime behaviour that adoption relies on: an item queued from this thread raises
/// the enqueue event here, inside the call; the worker raises the dequeue event with the same identity before it runs
/// the item; and the pool resets a worker's name after the item (the end-of-item signal). The runtime refreshes its
/// logging flag only while it dispatches work, so the first items after the listener starts may raise nothing: probe
/// items are queued until one is seen, or the probe gives up with a message that says why.
/// </summary>
internal static class ThreadPoolProbe
{
    private const int Attempts = 50;
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromMilliseconds(200);
    private static ProbeItem? s_current;

    /// <summary>Runs the probe; null when the runtime behaves as expected, else the reason it does not.</summary>
    public static string? Run()
    {
        string? last = null;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            var item = new ProbeItem();
            Volatile.Write(ref s_current, item);
#pragma warning disable RS0030 // The probe queues its own item to see the runtime's events for it.
            ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
#pragma warning restore RS0030
            bool ran = item.Ran.Wait(s_attemptTimeout);
            Volatile.Write(ref s_current, null);
            if (!ran || !item.SawQueued || !item.SawStarting)
            {
                last = ran ? "the runtime raised no thread-pool events (FrameworkEventSource ThreadPoolEnqueueWork/ThreadPoolDequeueWork)" : "a probe item did not run";
                continue;
            }

            if (!ReferenceEquals(item.NameWhileRunning, item.Label))
            {
                return Failure("a thread-pool worker did not keep the name set before its item ran");
            }

            var spin = default(SpinWait);
            for (int i = 0; i < 2000 && ReferenceEquals(item.Worker!.Name, item.Label); i++)
            {
                spin.SpinOnce();
            }

            return ReferenceEquals(item.Worker!.Name, item.Label)
                ? Failure("the thread pool did not reset a worker's name after its item ran (SimLoop uses that as the end-of-item signal)")
                : null;
        }

        return Failure(last ?? "no probe item was seen");
    }

    public static void OnQueued(long id)
    {
        if (Volatile.Read(ref s_current) is { } item && item.Id == id && item.QueuingThread == Environment.CurrentManagedThreadId)
        {
            item.SawQueued = true;
        }
    }

    public static void OnStarting(long id)
    {
        if (Volatile.Read(ref s_current) is { } item && item.Id == id)
        {
            item.Worker = Thread.CurrentThread;
            item.Worker.Name = item.Label;
            item.SawStarting = true;
        }
    }

    private static string Failure(string what) =>
        $"SimLoop cannot adopt thread-pool work in this process: {what}. Adoption needs the runtime's in-process EventSource support " +
        "(not disabled by EventSourceSupport=false, not NativeAOT) on a CoreCLR runtime like .NET 10's. " +
        "Set SimulationOptions.AdoptThreadPoolWork = false to run without it (thread-pool hops are then reported as escapes).";

    private sealed class ProbeItem : IThreadPoolWorkItem
    {
        public ProbeItem()
        {
            Id = RuntimeHelpers.GetHashCode(this);
            Label = string.Concat("SimLoop probe ", Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public long Id { get; }

        public string Label { get; }

        public int QueuingThread { get; } = Environment.CurrentManagedThreadId;

        public ManualResetEventSlim Ran { get; } = new();

        public volatile bool SawQueued;

        public volatile bool SawStarting;

        public Thread? Worker { get; set; }

        public string? NameWhileRunning { get; private set; }

        public void Execute()
        {
            NameWhileRunning = Thread.CurrentThread.Name;
            Ran.Set();
        }
    }
}
