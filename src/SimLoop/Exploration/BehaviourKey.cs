using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// What counts as one behaviour for coverage: the state key the run reported with
/// <see cref="SimulatedEventLoop.ObserveState"/> if any, otherwise the trace's shape, the sequence of (entry kind,
/// task name, network event kind and endpoints) with times, ids, values and sizes dropped.
/// </summary>
internal static class BehaviourKey
{
    private const ulong FnvOffset = 0xcbf29ce484222325UL;
    private const ulong FnvPrime = 0x100000001b3UL;

    public static ulong Of(SimulationRun run) => run.StateHash ?? ShapeOf(run.Trace);

    public static ulong ShapeOf(ScheduleTrace trace)
    {
        // Looked up by task id only, never iterated: its order cannot reach the key.
        var names = new Dictionary<long, string>();
        ulong hash = FnvOffset;
        for (int i = 0; i < trace.StoredCount; i++)
        {
            TraceEntry entry = trace.StoredAt(i); // as stored: decisions' text is never built (unused here)
            switch (entry.Kind)
            {
                case TraceEntryKind.TaskRegistered:
                    names[entry.Value] = entry.Text ?? "";
                    hash = Mix(Mix(hash, (byte)entry.Kind), entry.Text);
                    break;
                case TraceEntryKind.Enter or TraceEntryKind.Leave:
                    hash = Mix(Mix(hash, (byte)entry.Kind), names.GetValueOrDefault(entry.TaskId, "?"));
                    break;
                case TraceEntryKind.Network when entry.Event is NetworkEvent network:
                    hash = Mix(Mix(Mix(Mix(hash, (byte)entry.Kind), (byte)network.Kind), network.From), network.To);
                    break;
                case TraceEntryKind.Network when entry.Event is DeferredNetworkEvent network:
                    hash = Mix(Mix(Mix(Mix(hash, (byte)entry.Kind), (byte)network.Kind), network.From), network.To);
                    break;
                case TraceEntryKind.Host when entry.Event is HostEvent host:
                    hash = Mix(Mix(Mix(hash, (byte)entry.Kind), (byte)host.Kind), host.Host);
                    break;
                case TraceEntryKind.Storage:
                    hash = Mix(hash, (byte)entry.Kind);
                    break;
                case TraceEntryKind.Callback or TraceEntryKind.TimerFired:
                    hash = Mix(hash, (byte)entry.Kind);
                    break;
                default:
                    break; // Decisions and clock jumps: the order and the times show in the other entries.
            }
        }

        // Without recorded entries, the decisions are the shape.
        IReadOnlyList<ScheduleDecision> decisions = trace.RecordsEntries ? [] : trace.Decisions;
        foreach (ScheduleDecision decision in decisions)
        {
            hash = Mix(hash, (byte)decision.Chosen);
        }

        return hash;
    }

    private static ulong Mix(ulong hash, byte value) => (hash ^ value) * FnvPrime;

    private static ulong Mix(ulong hash, string? text)
    {
        foreach (char c in text ?? "")
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return (hash ^ 0xff) * FnvPrime;
    }
}
