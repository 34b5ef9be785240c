using System.Globalization;
using SimLoop.Networking;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scheduling;
using SimLoop.Storage.Seam;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// A run's trace arranged for drawing, read from the trace's data (task, network, storage and host events; never
/// parsed from text): lanes grouped by host, steps, messages from the sending task to the receiving task, faults.
/// Everything keeps its virtual time, for a linear time axis, and its trace order, for events at one instant.
/// </summary>
internal sealed class TraceTimeline
{
    private static readonly HashSet<MessageKind> s_drawnKinds = [MessageKind.Syn, MessageKind.SynAck, MessageKind.Data, MessageKind.Fin, MessageKind.Reset, MessageKind.Datagram];

    public required string Title { get; init; }

    /// <summary>Whether the run replays a minimised schedule (a trace file written by explore).</summary>
    public required bool Minimised { get; init; }

    public required IReadOnlyList<TimelineGroup> Groups { get; init; }

    public required IReadOnlyList<TimelineLane> Lanes { get; init; }

    public required IReadOnlyList<TimelineStep> Steps { get; init; }

    public required IReadOnlyList<TimelineMessage> Messages { get; init; }

    public required IReadOnlyList<TimelineFault> Faults { get; init; }

    public required IReadOnlyList<TimelineHostEvent> HostEvents { get; init; }

    /// <summary>Storage operations and faults, each in the storage lane of its host.</summary>
    public required IReadOnlyList<TimelineStorageEvent> StorageEvents { get; init; }

    /// <summary>The virtual time of the trace's last entry.</summary>
    public required long EndTicks { get; init; }

    public required string? Failure { get; init; }

    /// <summary>The simulated hosts, in the order they were added.</summary>
    public IReadOnlyList<string> Hosts => Groups.Where(g => g.IsHost).Select(g => g.Name).ToArray();

    public static TraceTimeline From(ScenarioOutcome outcome, string scenario, bool minimised = false)
    {
        IReadOnlyList<TraceEntry> entries = outcome.Trace.Entries;
        var names = new Dictionary<long, string>();
        var hostOfTask = new Dictionary<long, string>();
        var hostOrder = new List<string>();
        var steps = new List<TimelineStep>();
        var sends = new List<(int Order, NetworkEvent Event, long Task)>();
        var arrivals = new Dictionary<long, (int Order, long Ticks, bool Dropped)>();
        var faults = new FaultRanges();
        var hostEvents = new List<TimelineHostEvent>();
        var storage = new List<TimelineStorageEvent>();
        TimelineDecision? pendingPick = null;
        int decisions = 0;
        void AddHost(string host)
        {
            if (host.Length > 0 && !hostOrder.Contains(host))
            {
                hostOrder.Add(host);
            }
        }

        for (int i = 0; i < entries.Count; i++)
        {
            TraceEntry e = entries[i];
            switch (e.Kind)
            {
                case TraceEntryKind.TaskRegistered:
                    names[e.Value] = e.Text ?? CommonOptions.Invariant($"task {e.Value}");
                    if (hostOfTask.TryGetValue(e.TaskId, out string? creatorHost))
                    {
                        hostOfTask.TryAdd(e.Value, creatorHost);
                    }

                    break;
                case TraceEntryKind.Decision:
                    ScheduleDecision decision = outcome.Trace.Decisions[decisions++];
                    pendingPick = decision.Chosen == 0 ? null : new TimelineDecision(decision.Chosen, decision.ReadyTaskIds);
                    break;
                case TraceEntryKind.Enter:
                    steps.Add(new TimelineStep(e.TaskId, e.TimeTicks, i, pendingPick, e.Event as AwaitSite));
                    pendingPick = null;
                    break;
                case TraceEntryKind.Callback or TraceEntryKind.TimerFired:
                    pendingPick = null;
                    break;
                case TraceEntryKind.Host when e.Event is HostEvent host:
                    AddHost(host.Host);
                    if (host.Kind == HostEventKind.Spawn)
                    {
                        hostOfTask[e.Value] = host.Host;
                    }
                    else if (host.Kind is HostEventKind.Crash or HostEventKind.Restart)
                    {
                        hostEvents.Add(new TimelineHostEvent(host.Host, host.Kind, e.TimeTicks, i));
                    }

                    break;
                case TraceEntryKind.Storage when e.Event is StorageEvent op:
                    AddHost(op.Host);
                    storage.Add(new TimelineStorageEvent(op.Host, e.TimeTicks, op));
                    break;
                case TraceEntryKind.Network when e.Event is NetworkEvent net:
                    Read(net, e, i);
                    break;
            }
        }

        void Read(NetworkEvent net, TraceEntry e, int order)
        {
            switch (net.Kind)
            {
                case NetworkEventKind.HostAdded:
                    AddHost(net.From);
                    break;
                case NetworkEventKind.Sent when net.Message is { } kind && s_drawnKinds.Contains(kind):
                    sends.Add((order, net, e.TaskId));
                    break;
                case NetworkEventKind.Delivered or NetworkEventKind.Dropped when net.MessageId != 0:
                    arrivals.TryAdd(net.MessageId, (order, e.TimeTicks, net.Kind == NetworkEventKind.Dropped));
                    break;
                case NetworkEventKind.Fault:
                    faults.Add(net, e.TimeTicks, order);
                    break;
            }
        }

        long end = entries.Count == 0 ? 0 : entries[^1].TimeTicks;
        var groups = hostOrder.Select(h => new TimelineGroup(h, IsHost: true)).ToList();
        var scenarioGroup = new TimelineGroup(TimelineGroup.ScenarioGroup, IsHost: false);
        var lanes = new List<TimelineLane>();
        foreach (TimelineGroup group in groups)
        {
            foreach (long task in names.Keys.Where(t => hostOfTask.GetValueOrDefault(t) == group.Name).Order())
            {
                lanes.Add(new TimelineLane(lanes.Count, group, names[task], task, LaneKind.Task));
            }

            if (!lanes.Any(l => l.Group == group) && sends.Any(s => s.Event.From == group.Name || s.Event.To == group.Name))
            {
                lanes.Add(new TimelineLane(lanes.Count, group, group.Name + "/(network)", NetworkLaneId(groups.IndexOf(group)), LaneKind.Network));
            }

            if (storage.Any(op => op.Host == group.Name))
            {
                lanes.Add(new TimelineLane(lanes.Count, group, group.Name + "/(storage)", StorageLaneId(groups.IndexOf(group)), LaneKind.Storage));
            }
        }

        long[] scenarioTasks = names.Keys.Where(t => !hostOfTask.ContainsKey(t)).Order().ToArray();
        if (scenarioTasks.Length > 0)
        {
            groups.Add(scenarioGroup);
            lanes.AddRange(scenarioTasks.Select((t, k) => new TimelineLane(lanes.Count + k, scenarioGroup, names[t], t, LaneKind.Task)));
        }

        var routing = new MessageRouting(lanes, hostOfTask, steps, sends);
        var messages = new List<TimelineMessage>();
        foreach ((int order, NetworkEvent net, long task) in sends)
        {
            bool arrived = arrivals.TryGetValue(net.MessageId, out var at);
            messages.Add(new TimelineMessage(
                net.MessageId, net.Message!.Value, net.From, net.To, net.AtTicks, order, routing.Sender(net, task, order),
                arrived ? at.Ticks : null, routing.Receiver(net, arrived ? at.Order : int.MaxValue), arrived && at.Dropped,
                net.Length, net.FirstBytes.AsPrintableText(), net.Connection));
        }

        return new TraceTimeline
        {
            Title = CommonOptions.Invariant($"{scenario}, seed {outcome.Seed}{(minimised ? ", minimised schedule" : "")}, trace {outcome.Trace.Hash()}"),
            Minimised = minimised,
            Groups = groups,
            Lanes = lanes,
            Steps = steps,
            Messages = messages,
            Faults = faults.Close(end),
            HostEvents = hostEvents,
            StorageEvents = storage,
            EndTicks = end,
            Failure = outcome.Failure is { } f ? $"{f.GetType().Name}: {f.Message}" : null,
        };
    }

    /// <summary>The lane id of the storage lane of the <paramref name="index"/>-th host (below every task id).</summary>
    public static long StorageLaneId(int index) => -1_000_000 - index;

    /// <summary>The lane id of the network lane of the <paramref name="index"/>-th host (a host no task of which ran).</summary>
    public static long NetworkLaneId(int index) => -2_000_000 - index;

    public static string Milliseconds(long ticks) => (ticks / (double)TimeSpan.TicksPerMillisecond).ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
