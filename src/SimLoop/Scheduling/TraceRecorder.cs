using SimLoop.Networking;

namespace SimLoop.Scheduling;

/// <summary>
/// The only writer of a run's <see cref="ScheduleTrace"/>: the loop, its network adapter, its hosts and the storage
/// seam hand it what happened as data (task ids, handles, network, storage and host events), and it appends compact
/// entries whose text is built only when the trace is read. When the trace records only decisions, everything else
/// costs one branch.
/// </summary>
internal sealed class TraceRecorder(ScheduleTrace trace)
{
    /// <summary>The trace written.</summary>
    public ScheduleTrace Trace { get; } = trace;

    /// <summary>Whether entries other than decisions are kept (callers skip building events when not).</summary>
    public bool IsRecording => Trace.RecordsEntries;

    /// <summary>A task was registered; a null <paramref name="name"/> is the default name, <c>Task-{id}</c> (built when read).</summary>
    public void TaskRegistered(long nowTicks, long byTask, long id, string? name)
    {
        if (IsRecording)
        {
            Trace.Store.AddRegistered(nowTicks, byTask, id, name);
        }
    }

    /// <summary>A task was entered for a step resuming at the site <paramref name="siteId"/> (0: none); returns the stored slot (see <see cref="SetSite"/>), or -1 when not recording.</summary>
    public int TaskEntered(long nowTicks, long taskId, int siteId = 0) => IsRecording ? Trace.Store.AddEnter(nowTicks, taskId, siteId) : -1;

    /// <summary>Sets the site of the Enter stored in <paramref name="slot"/> (a first step's, known once it called the body).</summary>
    public void SetSite(int slot, AwaitSite site) => Trace.Store.SetSite(slot, site.Id);

    public void TaskLeft(long nowTicks, long taskId)
    {
        if (IsRecording)
        {
            Trace.Store.AddLeave(nowTicks, taskId);
        }
    }

    /// <summary>A plain callback or a timer that belongs to no task ran.</summary>
    public void HandleRan(long nowTicks, Handle handle)
    {
        if (IsRecording)
        {
            Trace.Add(handle is TimerHandle timer
                ? new TraceEntry(TraceEntryKind.TimerFired, nowTicks, 0, timer.WhenTicks, handle.Description)
                : new TraceEntry(TraceEntryKind.Callback, nowTicks, 0, handle.Sequence, handle.Description));
        }
    }

    public void ClockAdvanced(long ticks) =>
        Trace.Add(new TraceEntry(TraceEntryKind.ClockAdvanced, ticks, 0, ticks, null));

    /// <summary>The strategy chose <paramref name="chosen"/> of the live ready set.</summary>
    public void Decision(int chosen, in ReadySet ready, long nowTicks) => Trace.AddDecision(chosen, ready, nowTicks);

    public void Network(long nowTicks, long byTask, in NetworkEvent networkEvent)
    {
        if (IsRecording)
        {
            Trace.Add(new TraceEntry(TraceEntryKind.Network, nowTicks, byTask, 0, networkEvent));
        }
    }

    /// <summary>A network event kept as its parts; the trace builds its <see cref="NetworkEvent"/> when read.</summary>
    public void Network(long nowTicks, long byTask, DeferredNetworkEvent networkEvent)
    {
        if (IsRecording)
        {
            Trace.Add(new TraceEntry(TraceEntryKind.Network, nowTicks, byTask, 0, networkEvent));
        }
    }

    /// <summary>A storage event (SimLoop.Storage's <c>StorageEvent</c>, kept as the object it is).</summary>
    public void Storage(long atTicks, long byTask, object storageEvent)
    {
        if (IsRecording)
        {
            Trace.Add(new TraceEntry(TraceEntryKind.Storage, atTicks, byTask, 0, storageEvent));
        }
    }

    public void Host(long nowTicks, long byTask, long spawnedTask, in HostEvent hostEvent)
    {
        if (IsRecording)
        {
            Trace.Add(new TraceEntry(TraceEntryKind.Host, nowTicks, byTask, spawnedTask, hostEvent));
        }
    }
}
