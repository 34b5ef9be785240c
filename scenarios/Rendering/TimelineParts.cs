using SimLoop.Networking;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scheduling;
using SimLoop.Storage.Seam;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// A group of lanes: a simulated host, or the scenario's own tasks (the main task, a chaos task), which run on no host.
/// </summary>
/// <param name="Name">The host's name, or <see cref="TimelineGroup.ScenarioGroup"/>.</param>
/// <param name="IsHost">False for the scenario's own tasks.</param>
internal sealed record TimelineGroup(string Name, bool IsHost)
{
    public const string ScenarioGroup = "scenario";
}

/// <summary>What a lane shows.</summary>
internal enum LaneKind
{
    /// <summary>One task's steps.</summary>
    Task,
    /// <summary>What a host's network stack sent on its own (no task of the host ever ran).</summary>
    Network,
    /// <summary>A host's simulated disk.</summary>
    Storage,
}

/// <summary>A lane of the timeline: one task (or a host's network stack or disk), in its host's group.</summary>
internal sealed record TimelineLane(int Index, TimelineGroup Group, string Name, long TaskId, LaneKind Kind)
{
    public string Host => Group.Name;
}

/// <summary>The strategy's pick among several ready steps when it was not the first ready one (what FIFO runs).</summary>
/// <param name="Chosen">The index picked.</param>
/// <param name="Ready">The ready task ids (0 for a plain callback), oldest first.</param>
internal sealed record TimelineDecision(int Chosen, IReadOnlyList<long> Ready);

/// <summary>One step a task ran.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="TimeTicks">When.</param>
/// <param name="Order">The step's entry index in the trace (orders events at one instant).</param>
/// <param name="NonFifo">The decision that picked this step over an older ready one, or null.</param>
/// <param name="Site">Where the step runs (the async method it starts or resumes, and the line), or null when it is no async method's.</param>
internal sealed record TimelineStep(long TaskId, long TimeTicks, int Order, TimelineDecision? NonFifo, AwaitSite? Site = null)
{
    /// <summary>What the step does, for tooltips and notes: <c>runs a step: resumes at Type.Method:42</c>.</summary>
    public string Description => Site is { } site ? $"runs a step: {site}" : "runs a step";
}

/// <summary>A message from the task that sent it to the task that received it.</summary>
internal sealed record TimelineMessage(
    long Id, MessageKind Kind, string From, string To, long SentTicks, int SentOrder, long FromTask,
    long? ArrivedTicks, long ToTask, bool Dropped, int Length, string? Text, string? Connection)
{
    /// <summary>A short label: the kind, the length and the first bytes as text when printable.</summary>
    public string Label => Text is { } text
        ? CommonOptions.Invariant($"{Kind} #{Id} len={Length} \"{text}\"")
        : CommonOptions.Invariant($"{Kind} #{Id}{(Length > 0 ? $" len={Length}" : "")}");
}

/// <summary>A storage operation or fault of a host's simulated disk (SimLoop.Storage), drawn in the host's storage lane.</summary>
internal sealed record TimelineStorageEvent(string Host, long Ticks, StorageEvent Event)
{
    public bool IsFault => Event.Kind is StorageEventKind.Crash or StorageEventKind.Fault;

    /// <summary>What happened, without the host: kind, path, detail.</summary>
    public string Text => $"{Event.Kind.ToString().ToLowerInvariant()} {Event.Path} {Event.Detail}".TrimEnd();
}

/// <summary>A host crashed or restarted.</summary>
internal sealed record TimelineHostEvent(string Host, HostEventKind Kind, long Ticks, int Order);

/// <summary>A fault (crash, partition, clog, hold) from one instant to another on some hosts.</summary>
internal sealed record TimelineFault(string Kind, IReadOnlyList<string> Hosts, long StartTicks, int StartOrder, long EndTicks, string Detail);
