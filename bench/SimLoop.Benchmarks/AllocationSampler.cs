using System.Diagnostics.Tracing;
using System.Globalization;

namespace SimLoop.Benchmarks;

/// <summary>
/// The <c>allocs</c> mode: which types a workload allocates, from the runtime's GC allocation-tick events (one sample
/// per ~100 KB allocated, so the counts are proportional to bytes). Load-independent evidence for allocation work.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Runs <paramref name="workload"/> (a <c>spin</c> workload name) for a few runs and prints the top types.</summary>
    public static int Run(string workload)
    {
        Action body = Breakdown.Workload(workload);
        body(); // JIT and first-run costs outside the sample
        using var sampler = new AllocationSampler();
        for (int i = 0; i < 3; i++)
        {
            body();
        }

        sampler.Print();
        return 0;
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        int kindIndex = eventData.PayloadNames.IndexOf("AllocationKind");
        string type = typeIndex >= 0 ? eventData.Payload[typeIndex] as string ?? "?" : "?";
        if (kindIndex >= 0 && Convert.ToInt32(eventData.Payload[kindIndex], CultureInfo.InvariantCulture) == 1)
        {
            type = "[large object heap] " + type;
        }

        long amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture) : 100_000;
        lock (_gate)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }

    private void Print()
    {
        lock (_gate)
        {
            long total = _bytesByType.Values.Sum();
            Console.WriteLine("| Type | share of sampled bytes |");
            Console.WriteLine("|---|---:|");
            foreach ((string type, long bytes) in _bytesByType.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(30))
            {
                Console.WriteLine($"| {type} | {(100.0 * bytes / total).ToString("0.0", CultureInfo.InvariantCulture)}% |");
            }
        }
    }
}
