using System.Diagnostics.Tracing;

namespace SimLoop;

/// <summary>
/// The runtime's own thread-pool events, read in process. <c>FrameworkEventSource</c> (keyword ThreadPool) raises
/// <c>ThreadPoolEnqueueWork</c> (30) on the queuing thread, inside the queuing call, before the item is pushed; and
/// <c>ThreadPoolDequeueWork</c> (31) on the worker just before the item runs; both carry the item's identity (its
/// object hash). One listener serves every loop of the process: it is started, and checked, the first time a loop
/// adopts thread-pool work, and stays enabled (every pool item of the process then pays the event's cost).
/// </summary>
internal sealed class ThreadPoolEvents : EventListener
{
    private const string SourceName = "System.Diagnostics.Eventing.FrameworkEventSource";
    private const int EnqueueEventId = 30;
    private const int DequeueEventId = 31;
    private const long ThreadPoolKeyword = 0x2;

    private static readonly object s_gate = new();
    private static ThreadPoolEvents? s_instance;
    private static string? s_failure;

    /// <summary>Starts the listener once per process and checks that the runtime behaves as adoption needs.</summary>
    /// <exception cref="InvalidOperationException">The runtime raises no thread-pool events, or does not reset a worker's name after an item.</exception>
    public static void EnsureStarted()
    {
        if (Volatile.Read(ref s_instance) is not null)
        {
            return;
        }

        lock (s_gate)
        {
            if (s_failure is not null)
            {
                throw new InvalidOperationException(s_failure);
            }

            if (s_instance is not null)
            {
                return;
            }

            var listener = new ThreadPoolEvents();
            s_failure = ThreadPoolProbe.Run();
            if (s_failure is not null)
            {
                listener.Dispose();
                throw new InvalidOperationException(s_failure);
            }

            Volatile.Write(ref s_instance, listener);
        }
    }

    /// <summary>Like <see cref="EnsureStarted"/>, but false instead of an exception when the runtime does not behave as needed.</summary>
    public static bool TryStart()
    {
        try
        {
            EnsureStarted();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)ThreadPoolKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventId)
        {
            case EnqueueEventId when WorkId(eventData) is { } queued:
                ThreadPoolProbe.OnQueued(queued);
                ThreadPoolAdoption.OnWorkQueued(queued);
                break;
            case DequeueEventId when WorkId(eventData) is { } starting:
                ThreadPoolProbe.OnStarting(starting);
                ThreadPoolAdoption.OnWorkStarting(starting);
                break;
        }
    }

    private static long? WorkId(EventWrittenEventArgs eventData) =>
        eventData.Payload is { Count: > 0 } payload && payload[0] is { } id ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : null;
}
