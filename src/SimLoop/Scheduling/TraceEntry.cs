namespace SimLoop.Scheduling;

/// <summary>What a trace entry records.</summary>
public enum TraceEntryKind : byte
{
    /// <summary>A task was registered (Value: task id, Text: name).</summary>
    TaskRegistered,
    /// <summary>A task was entered for a step.</summary>
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
    /// <summary>A network event (Text: its description).</summary>
    Network,
    /// <summary>A task finished (Text: how).</summary>
    TaskDone,
}

/// <summary>One entry of a <see cref="ScheduleTrace"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TimeTicks">The loop time, in 100 ns ticks.</param>
/// <param name="TaskId">The task concerned, or 0.</param>
/// <param name="Value">A number whose meaning depends on <paramref name="Kind"/>.</param>
/// <param name="Text">A deterministic description, or null.</param>
public readonly record struct TraceEntry(TraceEntryKind Kind, long TimeTicks, long TaskId, long Value, string? Text)
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        TraceEntryKind.Enter => $"{TimeTicks} enter {TaskId}",
        TraceEntryKind.Leave => $"{TimeTicks} leave {TaskId}",
        TraceEntryKind.Decision => $"{TimeTicks} decide {Value} of [{Text}]",
        TraceEntryKind.ClockAdvanced => $"{TimeTicks} clock {Value}",
        TraceEntryKind.TimerFired => $"{TimeTicks} timer due={Value} {Text}",
        TraceEntryKind.TaskRegistered => $"{TimeTicks} task {Value} {Text}",
        TraceEntryKind.TaskDone => $"{TimeTicks} done {TaskId} {Text}",
        _ => $"{TimeTicks} {Kind.ToString().ToLowerInvariant()} {TaskId} {Text}",
    };
}
