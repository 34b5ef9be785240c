#pragma warning disable RS0030 // Outside a simulation each shim is exactly the original (banned) call.
using System.ComponentModel;

namespace SimLoop.Interception.Time;

/// <summary>
/// Shims for the timed waits that take no <see cref="TimeProvider"/> (<c>Task.Delay</c>, <c>Task.WaitAsync</c>
/// with a timeout, <c>new PeriodicTimer(period)</c>, <c>TimeProvider.System</c>): inside a simulation they use the
/// loop's <see cref="BaseEventLoop.TimeProvider"/> (virtual time); outside each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class DelayShims
{
    /// <summary>Shim for <see cref="Task.Delay(int)"/>.</summary>
    /// <param name="millisecondsDelay">The delay in milliseconds, or -1 for infinite.</param>
    /// <returns>The delay task.</returns>
    [Intercepts("System.Threading.Tasks.Task::Delay(System.Int32)")]
    public static Task Delay(int millisecondsDelay) => Delay(millisecondsDelay, CancellationToken.None);

    /// <summary>Shim for <see cref="Task.Delay(int, CancellationToken)"/>.</summary>
    /// <param name="millisecondsDelay">The delay in milliseconds, or -1 for infinite.</param>
    /// <param name="cancellationToken">Cancels the delay.</param>
    /// <returns>The delay task.</returns>
    [Intercepts("System.Threading.Tasks.Task::Delay(System.Int32,System.Threading.CancellationToken)")]
    public static Task Delay(int millisecondsDelay, CancellationToken cancellationToken)
    {
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return Task.Delay(millisecondsDelay, cancellationToken);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(millisecondsDelay, -1);
        return Task.Delay(TimeSpan.FromMilliseconds(millisecondsDelay), loop.TimeProvider, cancellationToken);
    }

    /// <summary>Shim for <see cref="Task.Delay(TimeSpan)"/>.</summary>
    /// <param name="delay">The delay, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <returns>The delay task.</returns>
    [Intercepts("System.Threading.Tasks.Task::Delay(System.TimeSpan)")]
    public static Task Delay(TimeSpan delay) => Delay(delay, CancellationToken.None);

    /// <summary>Shim for <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
    /// <param name="delay">The delay, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="cancellationToken">Cancels the delay.</param>
    /// <returns>The delay task.</returns>
    [Intercepts("System.Threading.Tasks.Task::Delay(System.TimeSpan,System.Threading.CancellationToken)")]
    public static Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop)
            ? Task.Delay(delay, loop.TimeProvider, cancellationToken)
            : Task.Delay(delay, cancellationToken);

    /// <summary>Shim for <see cref="Task.WaitAsync(TimeSpan)"/>.</summary>
    /// <param name="task">The task waited for.</param>
    /// <param name="timeout">The timeout.</param>
    /// <returns>The task, or one that fails with <see cref="TimeoutException"/> when the timeout passes first.</returns>
    [Intercepts("System.Threading.Tasks.Task::WaitAsync(System.TimeSpan)")]
    public static Task WaitAsync(Task task, TimeSpan timeout) => WaitAsync(task, timeout, CancellationToken.None);

    /// <summary>Shim for <see cref="Task.WaitAsync(TimeSpan, CancellationToken)"/>.</summary>
    /// <param name="task">The task waited for.</param>
    /// <param name="timeout">The timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The task, or one that fails with <see cref="TimeoutException"/> when the timeout passes first.</returns>
    [Intercepts("System.Threading.Tasks.Task::WaitAsync(System.TimeSpan,System.Threading.CancellationToken)")]
    public static Task WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        return task is not null && SimulationScope.TryGet(out SimulatedEventLoop? loop)
            ? task.WaitAsync(timeout, loop.TimeProvider, cancellationToken)
            : task!.WaitAsync(timeout, cancellationToken); // a null task throws NullReferenceException, as before
    }

    /// <summary>Shim for <see cref="Task{TResult}.WaitAsync(TimeSpan)"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task waited for.</param>
    /// <param name="timeout">The timeout.</param>
    /// <returns>The task, or one that fails with <see cref="TimeoutException"/> when the timeout passes first.</returns>
    [Intercepts("System.Threading.Tasks.Task`1::WaitAsync(System.TimeSpan)")]
    public static Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout) => WaitAsync(task, timeout, CancellationToken.None);

    /// <summary>Shim for <see cref="Task{TResult}.WaitAsync(TimeSpan, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task waited for.</param>
    /// <param name="timeout">The timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The task, or one that fails with <see cref="TimeoutException"/> when the timeout passes first.</returns>
    [Intercepts("System.Threading.Tasks.Task`1::WaitAsync(System.TimeSpan,System.Threading.CancellationToken)")]
    public static Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        return task is not null && SimulationScope.TryGet(out SimulatedEventLoop? loop)
            ? task.WaitAsync(timeout, loop.TimeProvider, cancellationToken)
            : task!.WaitAsync(timeout, cancellationToken); // a null task throws NullReferenceException, as before
    }

    /// <summary>Shim for <c>new PeriodicTimer(period)</c>.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The timer, on the loop's clock inside a simulation.</returns>
    [Intercepts("System.Threading.PeriodicTimer::.ctor(System.TimeSpan)")]
    public static PeriodicTimer CreatePeriodicTimer(TimeSpan period) =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? new PeriodicTimer(period, loop.TimeProvider) : new PeriodicTimer(period);

    /// <summary>Shim for <see cref="TimeProvider.System"/>.</summary>
    /// <returns>The loop's time provider inside a simulation; <see cref="TimeProvider.System"/> outside.</returns>
    [Intercepts("System.TimeProvider::get_System()")]
    public static TimeProvider SystemTimeProvider() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.TimeProvider : TimeProvider.System;
}
