using System.ComponentModel;

namespace SimLoop.Interception.Offloading;

/// <summary>
/// Shims for <c>TaskFactory.StartNew</c> with an explicit scheduler: inside a simulation, when the scheduler is
/// <see cref="TaskScheduler.Default"/> (the thread pool), the work becomes a loop task as with <c>Task.Run</c>
/// (creation options such as <see cref="TaskCreationOptions.LongRunning"/> are then moot: the loop runs it); any
/// other scheduler, and every call outside a simulation, is exactly the original. The overloads without a scheduler
/// already run on the loop (<see cref="TaskScheduler.Current"/> is the loop task's scheduler) and are not rewritten.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class TaskFactoryShims
{
    /// <summary>Shim for <see cref="TaskFactory.StartNew(Action, CancellationToken, TaskCreationOptions, TaskScheduler)"/>.</summary>
    /// <param name="factory">The factory.</param>
    /// <param name="action">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <param name="creationOptions">The creation options.</param>
    /// <param name="scheduler">The scheduler.</param>
    /// <returns>The started task.</returns>
    [Intercepts("System.Threading.Tasks.TaskFactory::StartNew(System.Action,System.Threading.CancellationToken,System.Threading.Tasks.TaskCreationOptions,System.Threading.Tasks.TaskScheduler)")]
    public static Task StartNew(TaskFactory factory, Action action, CancellationToken cancellationToken, TaskCreationOptions creationOptions, TaskScheduler scheduler)
    {
        if (factory is null || scheduler != TaskScheduler.Default || action is null || !SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return factory!.StartNew(action!, cancellationToken, creationOptions, scheduler);
        }

        return LoopWork.Start(loop, () => { action(); return Task.CompletedTask; }, cancellationToken);
    }

    /// <summary>Shim for <see cref="TaskFactory.StartNew(Action{object}, object, CancellationToken, TaskCreationOptions, TaskScheduler)"/>.</summary>
    /// <param name="factory">The factory.</param>
    /// <param name="action">The work.</param>
    /// <param name="state">The work's state.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <param name="creationOptions">The creation options.</param>
    /// <param name="scheduler">The scheduler.</param>
    /// <returns>The started task.</returns>
    [Intercepts("System.Threading.Tasks.TaskFactory::StartNew(System.Action`1<System.Object>,System.Object,System.Threading.CancellationToken,System.Threading.Tasks.TaskCreationOptions,System.Threading.Tasks.TaskScheduler)")]
    public static Task StartNew(TaskFactory factory, Action<object?> action, object? state, CancellationToken cancellationToken, TaskCreationOptions creationOptions, TaskScheduler scheduler)
    {
        if (factory is null || scheduler != TaskScheduler.Default || action is null || !SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return factory!.StartNew(action!, state, cancellationToken, creationOptions, scheduler);
        }

        return LoopWork.Start(loop, () => { action(state); return Task.CompletedTask; }, cancellationToken);
    }

    /// <summary>Shim for <see cref="TaskFactory.StartNew{TResult}(Func{TResult}, CancellationToken, TaskCreationOptions, TaskScheduler)"/>.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="factory">The factory.</param>
    /// <param name="function">The work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <param name="creationOptions">The creation options.</param>
    /// <param name="scheduler">The scheduler.</param>
    /// <returns>The started task.</returns>
    [Intercepts("System.Threading.Tasks.TaskFactory::StartNew(System.Func`1<!!0>,System.Threading.CancellationToken,System.Threading.Tasks.TaskCreationOptions,System.Threading.Tasks.TaskScheduler)")]
    public static Task<TResult> StartNew<TResult>(TaskFactory factory, Func<TResult> function, CancellationToken cancellationToken, TaskCreationOptions creationOptions, TaskScheduler scheduler)
    {
        if (factory is null || scheduler != TaskScheduler.Default || function is null || !SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return factory!.StartNew(function!, cancellationToken, creationOptions, scheduler);
        }

        return LoopWork.Start(loop, () => Task.FromResult(function()), cancellationToken);
    }
}
