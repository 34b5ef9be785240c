namespace SimLoop.Scheduling;

/// <summary>What happened to a simulated host.</summary>
public enum HostEventKind : byte
{
    /// <summary>The host booted (Count: its boot number, from 1).</summary>
    Boot,
    /// <summary>The host spawned a task (Name: the task's name; the entry's Value: its id).</summary>
    Spawn,
    /// <summary>The host crashed (Count: how many of its tasks the crash cancelled).</summary>
    Crash,
    /// <summary>The crashed host restarted.</summary>
    Restart,
}

/// <summary>A host event, as recorded in a <see cref="ScheduleTrace"/> (<see cref="TraceEntryKind.Host"/>).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Host">The host's name.</param>
/// <param name="Count">The boot number or the number of cancelled tasks (see <see cref="HostEventKind"/>), else 0.</param>
/// <param name="Name">The spawned task's name, or null.</param>
public readonly record struct HostEvent(HostEventKind Kind, string Host, int Count = 0, string? Name = null)
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        HostEventKind.Boot => $"host {Host} boot {Count}",
        HostEventKind.Spawn => $"host {Host} spawn {Name}",
        HostEventKind.Crash => $"host {Host} crash cancels {Count} tasks",
        _ => $"host {Host} restart",
    };
}
