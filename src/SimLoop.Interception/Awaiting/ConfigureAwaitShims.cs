using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SimLoop.Interception.Awaiting;

/// <summary>
/// Shims for <c>ConfigureAwait</c>: inside a simulation <c>continueOnCapturedContext</c> is forced to true, so the
/// continuation comes back to the awaiting loop task as a schedulable step of it instead of running on the thread
/// pool; outside a simulation each shim is exactly the original call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class ConfigureAwaitShims
{
    /// <summary>Shim for <see cref="Task.ConfigureAwait(bool)"/>.</summary>
    /// <param name="task">The awaited task.</param>
    /// <param name="continueOnCapturedContext">The caller's choice; overridden to true inside a simulation.</param>
    /// <returns>The configured awaitable.</returns>
    [Intercepts("System.Threading.Tasks.Task::ConfigureAwait(System.Boolean)")]
    public static ConfiguredTaskAwaitable ConfigureAwait(Task task, bool continueOnCapturedContext) =>
        task.ConfigureAwait(continueOnCapturedContext || SimulationScope.IsActive);

    /// <summary>Shim for <see cref="Task.ConfigureAwait(ConfigureAwaitOptions)"/>.</summary>
    /// <param name="task">The awaited task.</param>
    /// <param name="options">The caller's options; <see cref="ConfigureAwaitOptions.ContinueOnCapturedContext"/> is added inside a simulation.</param>
    /// <returns>The configured awaitable.</returns>
    [Intercepts("System.Threading.Tasks.Task::ConfigureAwait(System.Threading.Tasks.ConfigureAwaitOptions)")]
    public static ConfiguredTaskAwaitable ConfigureAwait(Task task, ConfigureAwaitOptions options) =>
        task.ConfigureAwait(Force(options));

    /// <summary>Shim for <see cref="Task{TResult}.ConfigureAwait(bool)"/>.</summary>
    /// <typeparam name="T">The task's result type.</typeparam>
    /// <param name="task">The awaited task.</param>
    /// <param name="continueOnCapturedContext">The caller's choice; overridden to true inside a simulation.</param>
    /// <returns>The configured awaitable.</returns>
    [Intercepts("System.Threading.Tasks.Task`1::ConfigureAwait(System.Boolean)")]
    public static ConfiguredTaskAwaitable<T> ConfigureAwait<T>(Task<T> task, bool continueOnCapturedContext) =>
        task.ConfigureAwait(continueOnCapturedContext || SimulationScope.IsActive);

    /// <summary>Shim for <see cref="Task{TResult}.ConfigureAwait(ConfigureAwaitOptions)"/>.</summary>
    /// <typeparam name="T">The task's result type.</typeparam>
    /// <param name="task">The awaited task.</param>
    /// <param name="options">The caller's options; <see cref="ConfigureAwaitOptions.ContinueOnCapturedContext"/> is added inside a simulation.</param>
    /// <returns>The configured awaitable.</returns>
    [Intercepts("System.Threading.Tasks.Task`1::ConfigureAwait(System.Threading.Tasks.ConfigureAwaitOptions)")]
    public static ConfiguredTaskAwaitable<T> ConfigureAwait<T>(Task<T> task, ConfigureAwaitOptions options) =>
        task.ConfigureAwait(Force(options));

    /// <summary>Shim for <see cref="ValueTask.ConfigureAwait(bool)"/> (the receiver by reference, as the call site passes it).</summary>
    /// <param name="task">The awaited value task.</param>
    /// <param name="continueOnCapturedContext">The caller's choice; overridden to true inside a simulation.</param>
    /// <returns>The configured awaitable.</returns>
    [Intercepts("System.Threading.Tasks.ValueTask::ConfigureAwait(System.Boolean)")]
    public static ConfiguredValueTaskAwaitable ConfigureAwait(ref ValueTask task, bool continueOnCapturedContext) =>
        task.ConfigureAwait(continueOnCapturedContext || SimulationScope.IsActive);

    /// <summary>Shim for <see cref="ValueTask{TResult}.ConfigureAwait(bool)"/> (the receiver by reference).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The awaited value task.</param>
    /// <param name="continueOnCapturedContext">The caller's choice; overridden to true inside a simulation.</param>
    /// <returns>The configured awaitable.</returns>
    [Intercepts("System.Threading.Tasks.ValueTask`1::ConfigureAwait(System.Boolean)")]
    public static ConfiguredValueTaskAwaitable<T> ConfigureAwait<T>(ref ValueTask<T> task, bool continueOnCapturedContext) =>
        task.ConfigureAwait(continueOnCapturedContext || SimulationScope.IsActive);

    /// <summary>Shim for <see cref="TaskAsyncEnumerableExtensions.ConfigureAwait(IAsyncDisposable, bool)"/>.</summary>
    /// <param name="source">The disposable.</param>
    /// <param name="continueOnCapturedContext">The caller's choice; overridden to true inside a simulation.</param>
    /// <returns>The configured disposable.</returns>
    [Intercepts("System.Threading.Tasks.TaskAsyncEnumerableExtensions::ConfigureAwait(System.IAsyncDisposable,System.Boolean)")]
    public static ConfiguredAsyncDisposable ConfigureAwait(IAsyncDisposable source, bool continueOnCapturedContext) =>
        source.ConfigureAwait(continueOnCapturedContext || SimulationScope.IsActive);

    /// <summary>Shim for <see cref="TaskAsyncEnumerableExtensions.ConfigureAwait{T}(IAsyncEnumerable{T}, bool)"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The sequence.</param>
    /// <param name="continueOnCapturedContext">The caller's choice; overridden to true inside a simulation.</param>
    /// <returns>The configured sequence.</returns>
    [Intercepts("System.Threading.Tasks.TaskAsyncEnumerableExtensions::ConfigureAwait(System.Collections.Generic.IAsyncEnumerable`1<!!0>,System.Boolean)")]
    public static ConfiguredCancelableAsyncEnumerable<T> ConfigureAwait<T>(IAsyncEnumerable<T> source, bool continueOnCapturedContext) =>
        source.ConfigureAwait(continueOnCapturedContext || SimulationScope.IsActive);

    /// <summary>Shim for <see cref="ConfiguredCancelableAsyncEnumerable{T}.ConfigureAwait(bool)"/> (<c>WithCancellation(ct).ConfigureAwait(false)</c>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The configured sequence, by reference.</param>
    /// <param name="continueOnCapturedContext">The caller's choice; overridden to true inside a simulation.</param>
    /// <returns>The reconfigured sequence.</returns>
    [Intercepts("System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable`1::ConfigureAwait(System.Boolean)")]
    public static ConfiguredCancelableAsyncEnumerable<T> ConfigureAwait<T>(ref ConfiguredCancelableAsyncEnumerable<T> source, bool continueOnCapturedContext) =>
        source.ConfigureAwait(continueOnCapturedContext || SimulationScope.IsActive);

    private static ConfigureAwaitOptions Force(ConfigureAwaitOptions options) =>
        SimulationScope.IsActive ? options | ConfigureAwaitOptions.ContinueOnCapturedContext : options;
}
