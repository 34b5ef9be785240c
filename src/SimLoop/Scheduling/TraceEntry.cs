namespace SimLoop.Scheduling;

/// <summary>What a trace entry records.</summary>
public enum TraceEntryKind : byte
{
    /// <summary>A task was registered (Value: task id, Text: name).</summary>
    TaskRegistered,
    /// <summary>A task was entered for a step (<see cref="TraceEntry.Event"/>: the step's <see cref="AwaitSite"/>, when it is an async method's; kept out of the entry's text, so a trace's text and hash survive edits that only move lines).</summary>
    Enter,
    /// <summary>A task was left after a step.</summary>
    Leave,
    /// <summary>A plain loop callback ran (Text: what it was).</summary>
    Callback,
    /// <summary>A timer fired (Value: its due time in ticks).</summary>
    TimerFired,
    /// <summary>The clock jumped (Value: the new time in ticks).</summary>
    ClockAdvanced,
    /// <summary>The strategy chose among several ready steps (Value: the chosen index, Text: the ready task ids).</summary>
    Decision,
    /// <summary>A network event (<see cref="TraceEntry.Event"/>: the <see cref="Networking.NetworkEvent"/>).</summary>
    Network,
    /// <summary>A storage event of a host's simulated disk (<see cref="TraceEntry.Event"/>: SimLoop.Storage's <c>StorageEvent</c>).</summary>
    Storage,
    /// <summary>A simulated host booted, crashed, restarted or spawned a task (<see cref="TraceEntry.Event"/>: the <see cref="HostEvent"/>; Value: the spawned task id).</summary>
    Host,
}

/// <summary>One entry of a <see cref="ScheduleTrace"/>: what happened, as data; its text is built only when read.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TimeTicks">The loop time, in 100 ns ticks.</param>
/// <param name="TaskId">The task concerned, or 0.</param>
/// <param name="Value">A number whose meaning depends on <paramref name="Kind"/>.</param>
/// <param name="Event">
/// The entry's data: a name or description (a string) for tasks, callbacks and timers; the <see cref="AwaitSite"/> of a
/// <see cref="TraceEntryKind.Enter"/> (null when the step is no async method's); a <see cref="Networking.NetworkEvent"/>,
/// a storage event or a <see cref="HostEvent"/> for <see cref="TraceEntryKind.Network"/>, <see cref="TraceEntryKind.Storage"/>
/// and <see cref="TraceEntryKind.Host"/>; null when there is none.
/// </param>
public readonly record struct TraceEntry(TraceEntryKind Kind, long TimeTicks, long TaskId, long Value, object? Event)
{
    /// <summary>The entry's description: <see cref="Event"/> as text (built on each read), or null.</summary>
    public string? Text => Event as string ?? Event?.ToString();

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        TraceEntryKind.Enter => $"{TimeTicks} enter {TaskId}",
        TraceEntryKind.Leave => $"{TimeTicks} leave {TaskId}",
        TraceEntryKind.Decision => $"{TimeTicks} decide {Value} of [{Text}]",
        TraceEntryKind.ClockAdvanced => $"{TimeTicks} clock {Value}",
        TraceEntryKind.TimerFired => $"{TimeTicks} timer due={Value} {Text}",
        TraceEntryKind.TaskRegistered => $"{TimeTicks} task {Value} {Text}",
        TraceEntryKind.Network => $"{TimeTicks} network {TaskId} {Text}",
        TraceEntryKind.Storage => $"{TimeTicks} storage {TaskId} {Text}",
        TraceEntryKind.Host => $"{TimeTicks} host {TaskId} {Text}",
        _ => $"{TimeTicks} {Kind.ToString().ToLowerInvariant()} {TaskId} {Text}",
    };
}
