#pragma warning disable RS0030 // Outside a simulation each shim is exactly the original (banned) call.
using System.ComponentModel;

namespace SimLoop.Interception.Offloading;

/// <summary>
/// Shims for <c>Task.Run</c>: inside a simulation the work becomes a new loop task (named after the calling task
/// plus <c>"/run"</c>) whose steps the scheduler orders like any other; the returned task keeps <c>Task.Run</c>'s
/// result, exception and cancellation semantics. Outside a simulation each is exactly <c>Task.Run</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class TaskRunShims
{
    /// <summary>Shim for <see cref="Task.Run(Action)"/>.</summary>
    /// <param name="action">The work.</param>
    /// <returns>A task for the work.</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Action)")]
    public static Task Run(Action action) => Run(action, CancellationToken.None);

    /// <summary>Shim for <see cref="Task.Run(Action, CancellationToken)"/>.</summary>
    /// <param name="action">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <returns>A task for the work.</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Action,System.Threading.CancellationToken)")]
    public static Task Run(Action action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return Task.Run(action, cancellationToken);
        }

        return LoopWork.Start(loop, () => { action(); return Task.CompletedTask; }, cancellationToken);
    }

    /// <summary>Shim for <see cref="Task.Run(Func{Task})"/>.</summary>
    /// <param name="function">The asynchronous work.</param>
    /// <returns>A task for the work (the inner task unwrapped).</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Func`1<System.Threading.Tasks.Task>)")]
    public static Task Run(Func<Task?> function) => Run(function, CancellationToken.None);

    /// <summary>Shim for <see cref="Task.Run(Func{Task}, CancellationToken)"/>.</summary>
    /// <param name="function">The asynchronous work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <returns>A task for the work (the inner task unwrapped).</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Func`1<System.Threading.Tasks.Task>,System.Threading.CancellationToken)")]
    public static Task Run(Func<Task?> function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return Task.Run(function, cancellationToken);
        }

        return LoopWork.Start(loop, function, cancellationToken);
    }

    /// <summary>Shim for <see cref="Task.Run{TResult}(Func{TResult})"/>.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">The work.</param>
    /// <returns>A task for the work's result.</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Func`1<!!0>)")]
    public static Task<TResult> Run<TResult>(Func<TResult> function) => Run(function, CancellationToken.None);

    /// <summary>Shim for <see cref="Task.Run{TResult}(Func{TResult}, CancellationToken)"/>.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <returns>A task for the work's result.</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Func`1<!!0>,System.Threading.CancellationToken)")]
    public static Task<TResult> Run<TResult>(Func<TResult> function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return Task.Run(function, cancellationToken);
        }

        return LoopWork.Start(loop, () => Task.FromResult(function()), cancellationToken);
    }

    /// <summary>Shim for <see cref="Task.Run{TResult}(Func{Task{TResult}})"/>.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">The asynchronous work.</param>
    /// <returns>A task for the work's result (the inner task unwrapped).</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Func`1<System.Threading.Tasks.Task`1<!!0>>)")]
    public static Task<TResult> Run<TResult>(Func<Task<TResult>?> function) => Run(function, CancellationToken.None);

    /// <summary>Shim for <see cref="Task.Run{TResult}(Func{Task{TResult}}, CancellationToken)"/>.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">The asynchronous work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <returns>A task for the work's result (the inner task unwrapped).</returns>
    [Intercepts("System.Threading.Tasks.Task::Run(System.Func`1<System.Threading.Tasks.Task`1<!!0>>,System.Threading.CancellationToken)")]
    public static Task<TResult> Run<TResult>(Func<Task<TResult>?> function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return Task.Run(function, cancellationToken);
        }

        return LoopWork.Start(loop, function, cancellationToken); // a null inner task cancels, as in Task.Run
    }
}
