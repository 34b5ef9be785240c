using System.Runtime.CompilerServices;

namespace SimLoop;

/// <summary>
/// Makes a loop task's <see cref="TaskScheduler"/> <see cref="TaskScheduler.Current"/> for one step without creating
/// and running a <see cref="Task"/> per step: the runtime's current-task slot (the thread-static <c>Task.t_currentTask</c>
/// that <see cref="TaskScheduler.Current"/> reads) is pointed at one never-started stand-in task per loop, whose
/// scheduler is switched to the stepping task's before each step. Where the runtime lacks those fields (checked once,
/// by behaviour), <see cref="IsAvailable"/> is false and callers run the step inside a per-step task instead.
/// </summary>
internal static class CurrentTaskSlot
{
    /// <summary>Whether the slot can be set on this runtime (probed once: set, read back through TaskScheduler.Current, restored).</summary>
    public static readonly bool IsAvailable = Probe();

    /// <summary>A stand-in for one loop: never started; refuses attached children, as a step has no children to wait for.</summary>
    public static Task CreateStandIn() => new(static () => { }, CancellationToken.None, TaskCreationOptions.DenyChildAttach);

    /// <summary>Makes <paramref name="standIn"/>, running on <paramref name="scheduler"/>, the current task; returns the previous one.</summary>
    public static Task? Enter(Task standIn, TaskScheduler scheduler)
    {
        SchedulerOf(standIn) = scheduler;
        ref Task? slot = ref CurrentTask(null);
        Task? previous = slot;
        slot = standIn;
        return previous;
    }

    /// <summary>Restores the current task <see cref="Enter"/> returned.</summary>
    public static void Leave(Task? previous) => CurrentTask(null) = previous;

    [UnsafeAccessor(UnsafeAccessorKind.StaticField, Name = "t_currentTask")]
    private static extern ref Task? CurrentTask(Task? ignored);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "m_taskScheduler")]
    private static extern ref TaskScheduler? SchedulerOf(Task task);

    private static bool Probe()
    {
        try
        {
            var probe = new ProbeScheduler();
            Task? previous = Enter(CreateStandIn(), probe);
            bool works;
            try
            {
                works = ReferenceEquals(TaskScheduler.Current, probe);
            }
            finally
            {
                Leave(previous);
            }

            return works && ReferenceEquals(TaskScheduler.Current, previous is null ? TaskScheduler.Default : TaskScheduler.Current);
        }
        catch (MissingMemberException)
        {
            return false;
        }
    }

    private sealed class ProbeScheduler : TaskScheduler
    {
        protected override IEnumerable<Task>? GetScheduledTasks() => null;

        protected override void QueueTask(Task task) => throw new NotSupportedException("The probe scheduler runs nothing.");

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
    }
}
