#pragma warning disable RS0030 // Outside a simulation each shim is exactly the original (banned) call.
using System.ComponentModel;

namespace SimLoop.Interception.Offloading;

/// <summary>
/// Shims for <c>ThreadPool.QueueUserWorkItem</c> and <c>UnsafeQueueUserWorkItem</c>: inside a simulation the work
/// item becomes a loop callback (<see cref="BaseEventLoop.CallSoon(Action{object?}, object?)"/>), run with no
/// synchronization context as a pool thread would; an exception it throws goes to the loop's exception handler
/// (where the pool would crash the process). Outside a simulation each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class ThreadPoolShims
{
    /// <summary>Shim for <see cref="ThreadPool.QueueUserWorkItem(WaitCallback)"/>.</summary>
    /// <param name="callBack">The work item.</param>
    /// <returns>True.</returns>
    [Intercepts("System.Threading.ThreadPool::QueueUserWorkItem(System.Threading.WaitCallback)")]
    public static bool QueueUserWorkItem(WaitCallback callBack) => QueueUserWorkItem(callBack, null);

    /// <summary>Shim for <see cref="ThreadPool.QueueUserWorkItem(WaitCallback, object)"/>.</summary>
    /// <param name="callBack">The work item.</param>
    /// <param name="state">Its state.</param>
    /// <returns>True.</returns>
    [Intercepts("System.Threading.ThreadPool::QueueUserWorkItem(System.Threading.WaitCallback,System.Object)")]
    public static bool QueueUserWorkItem(WaitCallback callBack, object? state)
    {
        ArgumentNullException.ThrowIfNull(callBack);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return ThreadPool.QueueUserWorkItem(callBack, state);
        }

        loop.CallSoon(s => callBack(s), state);
        return true;
    }

    /// <summary>Shim for <see cref="ThreadPool.QueueUserWorkItem{TState}(Action{TState}, TState, bool)"/>.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="callBack">The work item.</param>
    /// <param name="state">Its state.</param>
    /// <param name="preferLocal">The pool's queue preference (moot on the loop).</param>
    /// <returns>True.</returns>
    [Intercepts("System.Threading.ThreadPool::QueueUserWorkItem(System.Action`1<!!0>,!!0,System.Boolean)")]
    public static bool QueueUserWorkItem<TState>(Action<TState> callBack, TState state, bool preferLocal)
    {
        ArgumentNullException.ThrowIfNull(callBack);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return ThreadPool.QueueUserWorkItem(callBack, state, preferLocal);
        }

        loop.CallSoon(() => callBack(state));
        return true;
    }

    /// <summary>Shim for <see cref="ThreadPool.UnsafeQueueUserWorkItem(WaitCallback, object)"/>.</summary>
    /// <param name="callBack">The work item.</param>
    /// <param name="state">Its state.</param>
    /// <returns>True.</returns>
    [Intercepts("System.Threading.ThreadPool::UnsafeQueueUserWorkItem(System.Threading.WaitCallback,System.Object)")]
    public static bool UnsafeQueueUserWorkItem(WaitCallback callBack, object? state)
    {
        ArgumentNullException.ThrowIfNull(callBack);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return ThreadPool.UnsafeQueueUserWorkItem(callBack, state);
        }

        loop.CallSoon(s => callBack(s), state);
        return true;
    }

    /// <summary>Shim for <see cref="ThreadPool.UnsafeQueueUserWorkItem(IThreadPoolWorkItem, bool)"/>.</summary>
    /// <param name="callBack">The work item.</param>
    /// <param name="preferLocal">The pool's queue preference (moot on the loop).</param>
    /// <returns>True.</returns>
    [Intercepts("System.Threading.ThreadPool::UnsafeQueueUserWorkItem(System.Threading.IThreadPoolWorkItem,System.Boolean)")]
    public static bool UnsafeQueueUserWorkItem(IThreadPoolWorkItem callBack, bool preferLocal)
    {
        ArgumentNullException.ThrowIfNull(callBack);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return ThreadPool.UnsafeQueueUserWorkItem(callBack, preferLocal);
        }

        loop.CallSoon(callBack.Execute);
        return true;
    }

    /// <summary>Shim for <see cref="ThreadPool.UnsafeQueueUserWorkItem{TState}(Action{TState}, TState, bool)"/>.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="callBack">The work item.</param>
    /// <param name="state">Its state.</param>
    /// <param name="preferLocal">The pool's queue preference (moot on the loop).</param>
    /// <returns>True.</returns>
    [Intercepts("System.Threading.ThreadPool::UnsafeQueueUserWorkItem(System.Action`1<!!0>,!!0,System.Boolean)")]
    public static bool UnsafeQueueUserWorkItem<TState>(Action<TState> callBack, TState state, bool preferLocal)
    {
        ArgumentNullException.ThrowIfNull(callBack);
        if (!SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            return ThreadPool.UnsafeQueueUserWorkItem(callBack, state, preferLocal);
        }

        loop.CallSoon(() => callBack(state));
        return true;
    }
}
