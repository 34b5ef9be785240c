using System.Diagnostics.CodeAnalysis;

namespace SimLoop.Interception;

/// <summary>
/// The one place that answers "is this code running inside a simulation, and on which loop?". Every shim asks here;
/// when thread-pool adoption lands, only this file changes.
/// </summary>
internal static class SimulationScope
{
    /// <summary>The simulated loop running on the calling thread, or null outside a simulation.</summary>
    public static SimulatedEventLoop? Current => BaseEventLoop.Running as SimulatedEventLoop;

    /// <summary>Whether the calling code runs inside a simulation.</summary>
    public static bool IsActive => BaseEventLoop.Running is SimulatedEventLoop;

    /// <summary>Gets the current simulated loop.</summary>
    /// <param name="loop">The loop, when inside a simulation.</param>
    /// <returns>Whether the calling code runs inside a simulation.</returns>
    public static bool TryGet([NotNullWhen(true)] out SimulatedEventLoop? loop)
    {
        loop = Current;
        return loop is not null;
    }

    /// <summary>
    /// Whether the calling code runs inside a step of a loop task (so its synchronization context is the task's and
    /// an explicit yield becomes a new step of that task), rather than in a loop callback.
    /// </summary>
    /// <param name="loop">The loop.</param>
    public static bool InTaskStep(SimulatedEventLoop loop) => loop.CurrentTask is not null && SynchronizationContext.Current is not null;

    /// <summary>The name for work that the current task (or callback) starts: the task's name and a suffix.</summary>
    /// <param name="loop">The loop.</param>
    /// <param name="suffix">What the work is, e.g. <c>"run"</c>.</param>
    public static string ChildName(SimulatedEventLoop loop, string suffix) =>
        (loop.CurrentTask?.Name ?? "callback") + "/" + suffix;
}
