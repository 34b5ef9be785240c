using System.Globalization;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.Rendering;

/// <summary>A lane of the timeline: one task, grouped under its host (task names are <c>host/role</c>).</summary>
internal sealed record TimelineLane(int Index, string Host, string Name, long TaskId);

/// <summary>One step a task ran, at a slot of the time axis.</summary>
internal sealed record TimelineStep(long TaskId, int Slot, long TimeTicks);

/// <summary>A network message from a sending task to the task that next ran on the receiving host.</summary>
internal sealed record TimelineMessage(string Label, string From, string To, int SentSlot, long SentTicks, long FromTask, int? ArrivedSlot, long? ArrivedTicks, long ToTask, bool Dropped);

/// <summary>A storage operation or fault of a host's simulated disk (SimLoop.Storage), drawn in the host's storage lane.</summary>
internal sealed record TimelineStorageEvent(string Host, int Slot, long Ticks, string Text);

/// <summary>A fault (crash, partition, clog, hold) over a range of slots on some hosts.</summary>
internal sealed record TimelineFault(string Kind, IReadOnlyList<string> Hosts, int StartSlot, int EndSlot, long StartTicks, string Detail);

/// <summary>
/// A run's trace arranged for drawing. The time axis has one slot per event drawn (step, message, fault), in trace
/// order, each labelled with its virtual time: many events share an instant, so a linear time scale would stack them.
/// </summary>
internal sealed class TraceTimeline
{
    private static readonly HashSet<string> s_drawnKinds = ["Syn", "SynAck", "Data", "Fin", "Reset", "Datagram"];

    public required string Title { get; init; }

    public required IReadOnlyList<TimelineLane> Lanes { get; init; }

    public required IReadOnlyList<TimelineStep> Steps { get; init; }

    public required IReadOnlyList<TimelineMessage> Messages { get; init; }

    public required IReadOnlyList<TimelineFault> Faults { get; init; }

    /// <summary>Storage operations and faults, each in the storage lane of its host (the lane's task id is <see cref="StorageLaneId"/>).</summary>
    public required IReadOnlyList<TimelineStorageEvent> StorageEvents { get; init; }

    public required IReadOnlyList<long> SlotTimes { get; init; }

    public required string? Failure { get; init; }

    public IReadOnlyList<string> Hosts => Lanes.Select(l => l.Host).Distinct().ToArray();

    public static TraceTimeline From(ScenarioOutcome outcome, string scenario)
    {
        IReadOnlyList<TraceEntry> entries = outcome.Trace.Entries;
        var names = new Dictionary<long, string> { [0] = "loop" };
        var slotTimes = new List<long>();
        var steps = new List<TimelineStep>();
        var sent = new Dictionary<string, (string Label, string From, string To, int Slot, long Ticks, long Task, int Entry)>();
        var arrivals = new List<(string Id, int Slot, long Ticks, int EntryIndex, bool Dropped)>();
        var faults = new List<TimelineFault>();
        var open = new Dictionary<string, (string Kind, string[] Hosts, int Slot, long Ticks, string Detail)>();
        var enters = new List<(int EntryIndex, long TaskId, int Slot)>();
        var storage = new List<TimelineStorageEvent>();
        int Slot(long ticks)
        {
            slotTimes.Add(ticks);
            return slotTimes.Count - 1;
        }

        for (int i = 0; i < entries.Count; i++)
        {
            TraceEntry e = entries[i];
            switch (e.Kind)
            {
                case TraceEntryKind.TaskRegistered:
                    names[e.Value] = e.Text ?? CommonOptions.Invariant($"task {e.Value}");
                    break;
                case TraceEntryKind.Enter:
                    int slot = Slot(e.TimeTicks);
                    steps.Add(new TimelineStep(e.TaskId, slot, e.TimeTicks));
                    enters.Add((i, e.TaskId, slot));
                    break;
                case TraceEntryKind.Network when StorageLine(e.Text) is { } op:
                    storage.Add(new TimelineStorageEvent(op.Host, Slot(e.TimeTicks), e.TimeTicks, op.Text));
                    break;
                case TraceEntryKind.Network when NetworkLine.Parse(e.Text) is { } net:
                    if (net.Kind == "Sent" && net.MessageId is { } id && s_drawnKinds.Contains(net.MessageKind))
                    {
                        sent[id] = (net.Detail, net.From, net.To, Slot(e.TimeTicks), e.TimeTicks, e.TaskId, i);
                    }
                    else if (net.Kind is "Delivered" or "Dropped" && net.MessageId is { } arrived && sent.ContainsKey(arrived))
                    {
                        arrivals.Add((arrived, Slot(e.TimeTicks), e.TimeTicks, i, net.Kind == "Dropped"));
                    }
                    else if (net.Kind == "Fault")
                    {
                        RecordFault(net, Slot(e.TimeTicks), e.TimeTicks, open, faults);
                    }

                    break;
            }
        }

        int last = Math.Max(0, slotTimes.Count - 1);
        faults.AddRange(open.Values.Select(f => new TimelineFault(f.Kind, f.Hosts, f.Slot, last, f.Ticks, f.Detail)));
        string HostOf(long task) => names.TryGetValue(task, out string? n) && n.IndexOf('/', StringComparison.Ordinal) is > 0 and var cut ? n[..cut] : "(loop)";
        var lanes = new List<TimelineLane>();
        var hostOrder = new List<string>();
        bool HostHasTasks(string host) => names.Keys.Any(t => t != 0 && HostOf(t) == host);
        bool loopSends = sent.Values.Any(s => s.Task == 0 && !HostHasTasks(s.From));
        foreach (long task in names.Keys.Where(t => t != 0 || loopSends).Order())
        {
            string host = HostOf(task);
            if (!hostOrder.Contains(host))
            {
                hostOrder.Add(host);
            }
        }

        foreach (string host in sent.Values.SelectMany(s => new[] { s.From, s.To }).Where(h => !hostOrder.Contains(h)).Distinct().ToArray())
        {
            hostOrder.Add(host);
            names[-1 - hostOrder.Count] = host + "/(network)";
        }

        foreach (string host in storage.Select(op => op.Host).Where(h => !hostOrder.Contains(h)).Distinct().ToArray())
        {
            hostOrder.Add(host);
        }

        var storageHosts = storage.Select(op => op.Host).Distinct().ToList();
        foreach (string host in hostOrder)
        {
            foreach (long task in names.Keys.Where(t => (t != 0 || loopSends) && HostOf(t) == host).Order())
            {
                lanes.Add(new TimelineLane(lanes.Count, host, names[task], task));
            }

            if (storageHosts.IndexOf(host) is >= 0 and var disk)
            {
                lanes.Add(new TimelineLane(lanes.Count, host, host + "/(storage)", StorageLaneId(disk)));
            }
        }

        long LaneTaskOnHost(string host, int afterEntry)
        {
            foreach ((int index, long taskId, _) in enters)
            {
                if (index > afterEntry && HostOf(taskId) == host)
                {
                    return taskId;
                }
            }

            return lanes.FirstOrDefault(l => l.Host == host)?.TaskId ?? 0;
        }

        // A message the network stack sends on its own (a SYN-ACK, a retransmission) runs in a loop callback, not in a
        // task: draw it from the host's task that ran last before it, so the arrow leaves the right host.
        long SenderLane(string host, long task, int entryIndex)
        {
            if (task != 0 && HostOf(task) == host)
            {
                return task;
            }

            long found = lanes.FirstOrDefault(l => l.Host == host)?.TaskId ?? task;
            foreach ((int index, long taskId, _) in enters)
            {
                if (index > entryIndex)
                {
                    break;
                }

                if (HostOf(taskId) == host)
                {
                    found = taskId;
                }
            }

            return found;
        }

        var messages = new List<TimelineMessage>();
        var arrivalById = arrivals.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        foreach ((string id, var s) in sent)
        {
            bool arrivedAtAll = arrivalById.TryGetValue(id, out var a);
            long toTask = LaneTaskOnHost(s.To, arrivedAtAll ? a.EntryIndex : int.MaxValue);
            messages.Add(new TimelineMessage(s.Label, s.From, s.To, s.Slot, s.Ticks, SenderLane(s.From, s.Task, s.Entry), arrivedAtAll ? a.Slot : null, arrivedAtAll ? a.Ticks : null, toTask, arrivedAtAll && a.Dropped));
        }

        return new TraceTimeline
        {
            Title = CommonOptions.Invariant($"{scenario}, seed {outcome.Seed}, trace {outcome.Trace.Hash()}"),
            Lanes = lanes,
            Steps = steps,
            Messages = messages.OrderBy(m => m.SentSlot).ToArray(),
            Faults = faults,
            StorageEvents = storage,
            SlotTimes = slotTimes,
            Failure = outcome.Failure is { } f ? $"{f.GetType().Name}: {f.Message}" : null,
        };
    }

    /// <summary>The lane id of the storage lane of the <paramref name="index"/>-th host with storage (below every task id).</summary>
    public static long StorageLaneId(int index) => -1_000_000 - index;

    /// <summary>A storage trace line (<c>storage &lt;host&gt; &lt;what&gt;</c>, written by SimLoop.Storage), or null.</summary>
    private static (string Host, string Text)? StorageLine(string? text)
    {
        if (text is null || !text.StartsWith("storage ", StringComparison.Ordinal))
        {
            return null;
        }

        int end = text.IndexOf(' ', 8);
        return end > 8 ? (text[8..end], text[(end + 1)..]) : null;
    }

    private static void RecordFault(NetworkLine net, int slot, long ticks, Dictionary<string, (string Kind, string[] Hosts, int Slot, long Ticks, string Detail)> open, List<TimelineFault> faults)
    {
        string[] hosts = (net.From + "," + net.To).Split(',', StringSplitOptions.RemoveEmptyEntries);
        string verb = net.Detail.Split(' ')[0];
        (string kind, bool starts) = verb switch
        {
            "crash" => ("crash", true),
            "restart" => ("crash", false),
            "clog" => ("clog", true),
            "unclog" => ("clog", false),
            "partition" => ("partition", true),
            "repair" => ("partition", false),
            "hold" => ("hold", true),
            "release" => ("hold", false),
            _ => ("", false),
        };
        if (kind.Length == 0)
        {
            return;
        }

        if (starts)
        {
            open[kind + ":" + string.Join(",", hosts)] = (kind, hosts, slot, ticks, $"{net.From} {net.To} {net.Detail}".Trim());
            return;
        }

        foreach (string key in open.Keys.Where(k => k.StartsWith(kind + ":", StringComparison.Ordinal) && (hosts.Length == 0 || k == kind + ":" + string.Join(",", hosts))).ToArray())
        {
            var f = open[key];
            faults.Add(new TimelineFault(f.Kind, f.Hosts, f.Slot, slot, f.Ticks, f.Detail));
            open.Remove(key);
        }
    }

    public static string Milliseconds(long ticks) => (ticks / (double)TimeSpan.TicksPerMillisecond).ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
