using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// The running hash of a trace's shape (see <see cref="BehaviourKey"/>): fed each entry as it is recorded, while the
/// entry and what it names are still in the cache, so an explored iteration's coverage key costs a few multiplies per
/// entry instead of a second pass over the whole trace when the run ends.
/// </summary>
internal sealed class TraceShape
{
    // Looked up by task id only, never iterated: its order cannot reach the key.
    private readonly Dictionary<long, ulong> _names = new();
    private BehaviourKey.EndpointHashes _endpoints;
    private long _lastTask = long.MinValue; // Enter and Leave of one step name the same task: one lookup for both
    private ulong _lastName = BehaviourKey.UnknownName;
    private ulong _hash = BehaviourKey.FnvOffset;

    /// <summary>The shape so far (entries only: see <see cref="Close"/> for a trace that records none).</summary>
    public ulong Value => _hash;

    /// <summary>Mixes one entry in.</summary>
    public void Add(in TraceEntry entry)
    {
        switch (entry.Kind)
        {
            case TraceEntryKind.TaskRegistered:
                Registered(entry.Value, entry.Text ?? "");
                break;
            case TraceEntryKind.Enter or TraceEntryKind.Leave:
                Step(entry.Kind, entry.TaskId);
                break;
            case TraceEntryKind.Network when entry.Event is DeferredNetworkEvent network:
                _hash = BehaviourKey.MixNetwork(_hash, entry.Kind, network.Kind, _endpoints.Of(network.From), _endpoints.Of(network.To));
                break;
            case TraceEntryKind.Network when entry.Event is NetworkEvent network:
                _hash = BehaviourKey.MixNetwork(_hash, entry.Kind, network.Kind, _endpoints.Of(network.From), _endpoints.Of(network.To));
                break;
            case TraceEntryKind.Host when entry.Event is HostEvent host:
                _hash = BehaviourKey.Mix(BehaviourKey.Mix(BehaviourKey.Mix(_hash, (byte)entry.Kind), (byte)host.Kind), _endpoints.Of(host.Host));
                break;
            case TraceEntryKind.Storage or TraceEntryKind.Callback or TraceEntryKind.TimerFired:
                _hash = BehaviourKey.Mix(_hash, (byte)entry.Kind);
                break;
            default:
                break; // Decisions and clock jumps: the order and the times show in the other entries.
        }
    }

    /// <summary>A task registered: a null <paramref name="name"/> is the default name, <c>Task-{id}</c>, as the trace reads it.</summary>
    public void Registered(long id, string? name)
    {
        ulong hash = name is null ? BehaviourKey.HashOfDefaultName(id) : BehaviourKey.HashOf(name);
        _names[id] = hash;
        _lastTask = long.MinValue;
        _hash = BehaviourKey.Mix(BehaviourKey.Mix(_hash, (byte)TraceEntryKind.TaskRegistered), hash);
    }

    /// <summary>A step of <paramref name="taskId"/> entered or left.</summary>
    public void Step(TraceEntryKind kind, long taskId)
    {
        if (taskId != _lastTask)
        {
            _lastTask = taskId;
            _lastName = _names.TryGetValue(taskId, out ulong known) ? known : BehaviourKey.UnknownName;
        }

        _hash = BehaviourKey.Mix(BehaviourKey.Mix(_hash, (byte)kind), _lastName);
    }

    /// <summary>The shape of <paramref name="trace"/>: without recorded entries, its decisions are the shape.</summary>
    public ulong Close(ScheduleTrace trace)
    {
        ulong hash = _hash;
        IReadOnlyList<ScheduleDecision> decisions = trace.RecordsEntries ? [] : trace.Decisions;
        foreach (ScheduleDecision decision in decisions)
        {
            hash = BehaviourKey.Mix(hash, (byte)decision.Chosen);
        }

        return hash;
    }
}
