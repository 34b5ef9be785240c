namespace SimLoop.Interception.Offloading;

/// <summary>
/// Runs offloaded work (what <c>Task.Run</c> would send to the thread pool) as a new loop task, and gives back a
/// <see cref="Task"/> with <c>Task.Run</c>'s semantics: the result, the exceptions (all of them, unwrapped once
/// for a <c>Func&lt;Task&gt;</c>), and cancellation when the token is cancelled before the work starts or the work
/// throws <see cref="OperationCanceledException"/> for that token.
/// </summary>
internal static class LoopWork
{
    /// <summary>Starts <paramref name="work"/> as a loop task named after the calling task plus <c>"/run"</c>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="loop">The loop.</param>
    /// <param name="work">The work; its returned task is awaited on the loop (a null task cancels, as in <c>Task.Run</c>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <returns>The task that completes as the work does.</returns>
    public static Task<T> Start<T>(SimulatedEventLoop loop, Func<Task<T>?> work, CancellationToken cancellationToken) =>
        Start(loop, work, static inner => ((Task<T>)inner).Result, cancellationToken);

    /// <summary>Starts <paramref name="work"/> (whose task has no result) as a loop task.</summary>
    /// <param name="loop">The loop.</param>
    /// <param name="work">The work; its returned task is awaited on the loop (a null task cancels, as in <c>Task.Run</c>).</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <returns>The task that completes as the work does.</returns>
    public static Task Start(SimulatedEventLoop loop, Func<Task?> work, CancellationToken cancellationToken) =>
        Start(loop, work, static _ => true, cancellationToken);

    private static Task<T> Start<T>(SimulatedEventLoop loop, Func<Task?> work, Func<Task, T> result, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var completion = new TaskCompletionSource<T>();
        loop.CreateTask(_ => RunAsync(work, result, completion, cancellationToken), SimulationScope.ChildName(loop, "run"));
        return completion.Task;
    }

    private static async Task RunAsync<T>(Func<Task?> work, Func<Task, T> result, TaskCompletionSource<T> completion, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            completion.TrySetCanceled(cancellationToken);
            return;
        }

        Task? inner;
        try
        {
            inner = work();
        }
        catch (OperationCanceledException e) when (e.CancellationToken == cancellationToken && cancellationToken.IsCancellationRequested)
        {
            completion.TrySetCanceled(cancellationToken);
            return;
        }
        catch (Exception e)
        {
            completion.TrySetException(e);
            return;
        }

        if (inner is null)
        {
            completion.TrySetCanceled(CancellationToken.None); // the work returned no task: nothing was cancelled by a token
            return;
        }

        // Await on the loop task's context (a step of this task), never rethrowing: the outcome is copied below.
        await ((Task)inner).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        if (inner.IsCanceled)
        {
            completion.TrySetCanceled(CanceledToken(inner, cancellationToken));
        }
        else if (inner.IsFaulted)
        {
            completion.TrySetException(inner.Exception!.InnerExceptions);
        }
        else
        {
            completion.TrySetResult(result(inner));
        }
    }

    private static CancellationToken CanceledToken(Task inner, CancellationToken fallback)
    {
        try
        {
            inner.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e)
        {
            return e.CancellationToken;
        }

        return fallback;
    }
}
