using System.Diagnostics;

namespace SimLoop;

/// <summary>
/// A callback scheduled on an event loop (asyncio's <c>Handle</c>). Cancelling it before it runs means it never runs.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public class Handle
{
    [ThreadStatic]
    private static System.Reflection.MethodInfo? s_lastDescribed;

    [ThreadStatic]
    private static string? s_lastDescription;

    private readonly Delegate _callback;
    private readonly object? _state;
    private readonly ExecutionContext? _context;
    private bool _cancelled;

    internal Handle(BaseEventLoop loop, Delegate callback, object? state, ExecutionContext? context, ILoopTask? owner)
    {
        Loop = loop;
        _callback = callback;
        _state = state;
        _context = context;
        Owner = owner;
        OwnerId = owner is null ? 0 : loop.TaskIdOf(owner);
        Sequence = loop.NextHandleSequence();
    }

    /// <summary>The loop this handle belongs to.</summary>
    public BaseEventLoop Loop { get; }

    /// <summary>
    /// The task this callback is a step of, or null for a plain loop callback. The loop enters this task
    /// before running the callback and leaves it afterwards.
    /// </summary>
    public ILoopTask? Owner { get; }

    /// <summary>The id of <see cref="Owner"/> (0 when there is none); stable across runs of the same seed.</summary>
    public long OwnerId { get; }

    internal Delegate Callback => _callback;

    internal object? State => _state;

    /// <summary>A number that orders handles by the time they were scheduled; stable across runs of the same seed.</summary>
    public long Sequence { get; }

    /// <summary>Whether <see cref="Cancel"/> was called.</summary>
    public bool Cancelled => _cancelled;

    /// <summary>A short description of the callback, for traces and error messages.</summary>
    public string Description => Describe(DescribedMethod);

    /// <summary>The method <see cref="Description"/> names (a timer of the loop's TimeProvider names the timer's own).</summary>
    private protected virtual System.Reflection.MethodInfo DescribedMethod => _callback.Method;

    /// <summary>Formats a method as the description; the last one formatted on this thread is reused.</summary>
    private static string Describe(System.Reflection.MethodInfo method)
    {
        if (ReferenceEquals(s_lastDescribed, method))
        {
            return s_lastDescription!;
        }

        string text = CallbackLabel.Of(method);
        s_lastDescribed = method;
        s_lastDescription = text;
        return text;
    }

    /// <summary>Cancels the callback; it will not run. Cancelling twice, or after it ran, does nothing.</summary>
    public virtual void Cancel() => _cancelled = true;

    /// <summary>Runs the callback now, in its captured execution context if it has one.</summary>
    internal void Invoke()
    {
        ExecutionContext? context = _context;
        if (context is null)
        {
            InvokeCore();
        }
        else if (ReferenceEquals(context, ExecutionContext.Capture()))
        {
            InvokeInCurrentContext(context);
        }
        else
        {
            ExecutionContext.Run(context, static h => ((Handle)h!).InvokeCore(), this);
        }
    }

    /// <summary>
    /// Runs the callback when its context is the thread's already (a timer created outside any task fires on the
    /// loop thread): <see cref="ExecutionContext.Run"/> would enter nothing new, so only its restore is done, and only
    /// when the callback changed the execution context (an AsyncLocal) or the synchronization context.
    /// </summary>
    private void InvokeInCurrentContext(ExecutionContext context)
    {
        SynchronizationContext? synchronizationContext = SynchronizationContext.Current;
        try
        {
            InvokeCore();
        }
        finally
        {
            if (!ReferenceEquals(ExecutionContext.Capture(), context))
            {
                ExecutionContext.Restore(context);
            }

            if (!ReferenceEquals(SynchronizationContext.Current, synchronizationContext))
            {
                SynchronizationContext.SetSynchronizationContext(synchronizationContext);
            }
        }
    }

    private void InvokeCore()
    {
        switch (_callback)
        {
            case Action<object?> withState: withState(_state); break;
            case Action plain: plain(); break;
            case SendOrPostCallback posted: posted(_state); break;
            case TimerCallback timer: timer(_state); break;
            default: _callback.DynamicInvoke(_state); break;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<Handle #{Sequence} {Description}{(Owner is null ? "" : $" of {Owner.Name}")}{(_cancelled ? " cancelled" : "")}>";
}
