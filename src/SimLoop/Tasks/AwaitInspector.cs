using System.Reflection;
using System.Threading.Tasks.Sources;

namespace SimLoop;

/// <summary>
/// Describes what a pending async method awaits, by looking into its compiler-generated state machine: the
/// awaiter fields hold the awaited task. Best effort (it reads private runtime fields); used for deadlock reports
/// and to recognise, when the loop is idle, waits that only work outside the loop can end: real-time timers
/// (<c>Task.Delay</c> without a <see cref="TimeProvider"/>), thread-pool work (<c>Task.Run</c>), and awaited
/// things that are already complete but whose continuation was queued elsewhere (<c>ConfigureAwait(false)</c>).
/// Recognising these from the loop's own state makes the report independent of how fast the thread pool runs.
/// </summary>
internal static class AwaitInspector
{
    private const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const int MaxDepth = 8;

    /// <summary>Appears in a description exactly when the wait can only be ended by work outside the loop.</summary>
    public const string OutsideLoopPhrase = "outside the loop";

    /// <summary>Appears in a description when the awaited thing completed but its continuation went elsewhere.</summary>
    public const string CompletedElsewherePhrase = "whose continuation was queued";

    public static string Describe(Task task) => Inspect(task).Text;

    /// <summary>Whether the innermost awaited thing can only complete, or resume, outside the loop.</summary>
    public static bool AwaitsOutsideLoop(Task task) => Inspect(task).Uncontrolled;

    private static (string Text, bool Uncontrolled) Inspect(Task task)
    {
        try
        {
            return InspectTask(task, 0);
        }
        catch (Exception ex) when (ex is MemberAccessException or TargetException or ArgumentException or InvalidCastException)
        {
            return ("awaits something the inspector could not read", false);
        }
    }

    private static (string Text, bool Uncontrolled) InspectTask(Task task, int depth)
    {
        Type type = task.GetType();
        if (type.Name.StartsWith("AsyncStateMachineBox", StringComparison.Ordinal) &&
            type.GetField("StateMachine", Fields)?.GetValue(task) is { } stateMachine)
        {
            string method = MethodName(stateMachine.GetType());
            if (depth >= MaxDepth)
            {
                return ($"{method} ...", false);
            }

            foreach (FieldInfo field in stateMachine.GetType().GetFields(Fields))
            {
                if (!field.Name.StartsWith("<>u__", StringComparison.Ordinal) || field.GetValue(stateMachine) is not { } awaiter)
                {
                    continue;
                }

                (string Text, bool Uncontrolled)? inner = InspectAwaiter(awaiter, depth);
                if (inner is { } found)
                {
                    return ($"{method} awaits {found.Text}", found.Uncontrolled);
                }
            }

            return ($"{method} (awaiting something not recognised)", false);
        }

        if (IsThreadPoolWork(task))
        {
            return ThreadPoolWork;
        }

        return type.Name switch
        {
            "DelayPromise" or "DelayPromiseWithCancellation" => ($"Task.Delay with a real-time timer, {OutsideLoopPhrase} (no TimeProvider was passed)", true),
            "TaskNode" when type.DeclaringType == typeof(SemaphoreSlim) => ("SemaphoreSlim.WaitAsync", false),
            _ => ($"a {FriendlyTypeName(type)} (task id {task.Id})", false),
        };
    }

    private static (string Text, bool Uncontrolled)? InspectAwaiter(object awaiter, int depth)
    {
        Type type = awaiter.GetType();
        if (type.DeclaringType is { IsGenericType: true } declaring && declaring.GetGenericTypeDefinition() == typeof(LoopFuture<>))
        {
            object? future = type.GetField("_future", Fields)?.GetValue(awaiter);
            return future is LoopFuture { IsDone: false } pending ? (pending.ToString(), false) : null;
        }

        foreach (FieldInfo field in type.GetFields(Fields))
        {
            object? value = field.GetValue(awaiter);
            if (value is Task awaited)
            {
                // Thread-pool work is named as such whether or not the pool has finished it yet.
                return IsThreadPoolWork(awaited) ? ThreadPoolWork
                    : awaited.IsCompleted ? CompletedElsewhere(FriendlyTypeName(awaited.GetType()))
                    : InspectTask(awaited, depth + 1);
            }

            if (value is not null && value.GetType().IsValueType && value.GetType().Name.StartsWith("ValueTask", StringComparison.Ordinal))
            {
                object? inner = value.GetType().GetField("_obj", Fields)?.GetValue(value);
                if (inner is Task innerTask)
                {
                    return innerTask.IsCompleted ? CompletedElsewhere(FriendlyTypeName(innerTask.GetType())) : InspectTask(innerTask, depth + 1);
                }

                if (inner is not null)
                {
                    string source = FriendlyTypeName(inner.GetType());
                    return IsSourceCompleted(inner, value) ? CompletedElsewhere($"ValueTask backed by {source}") : ($"a ValueTask backed by {source}", false);
                }
            }
            else if (value is not null && value.GetType().IsValueType && field.FieldType.Name.Contains("Awaiter", StringComparison.Ordinal))
            {
                (string, bool)? nested = InspectAwaiter(value, depth);
                if (nested is not null)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    private static (string Text, bool Uncontrolled) ThreadPoolWork =>
        ($"work queued to the thread pool, {OutsideLoopPhrase} (Task.Run, or Task.Factory.StartNew on the default scheduler): use loop.CreateTask instead", true);

    /// <summary>
    /// The awaiter still holds a completed task, so the awaiting method has not resumed. While the loop is idle every
    /// continuation meant for it has been posted already: this one was queued somewhere else.
    /// </summary>
    private static (string Text, bool Uncontrolled) CompletedElsewhere(string what) =>
        ($"a completed {what} {CompletedElsewherePhrase} was queued {OutsideLoopPhrase} (ConfigureAwait(false) on a task completed inside another loop task's step, or a BCL primitive that completes asynchronously): remove ConfigureAwait(false) in code under test", true);

    /// <summary>
    /// A task that runs a delegate on a scheduler other than a loop task's (promises have no scheduler; a finished
    /// delegate task keeps its scheduler but not its delegate), or the promise of <c>Task.Run(async ...)</c>.
    /// </summary>
    private static bool IsThreadPoolWork(Task task)
    {
        if (task.GetType().Name.StartsWith("UnwrapPromise", StringComparison.Ordinal))
        {
            return true;
        }

        object? scheduler = typeof(Task).GetField("m_taskScheduler", Fields)?.GetValue(task);
        return scheduler is TaskScheduler and not LoopTaskScheduler;
    }

    private static bool IsSourceCompleted(object source, object valueTask)
    {
        object? token = valueTask.GetType().GetField("_token", Fields)?.GetValue(valueTask);
        foreach (Type iface in source.GetType().GetInterfaces())
        {
            if (iface.Name.StartsWith("IValueTaskSource", StringComparison.Ordinal) &&
                iface.GetMethod("GetStatus") is { } getStatus && token is short t)
            {
                try
                {
                    return getStatus.Invoke(source, [t]) is ValueTaskSourceStatus status && status != ValueTaskSourceStatus.Pending;
                }
                catch (TargetInvocationException)
                {
                    // The source was already reset for another operation (its continuation ran): not a pending hop.
                    return false;
                }
            }
        }

        return false;
    }

    private static string MethodName(Type stateMachineType)
    {
        string name = stateMachineType.Name;
        int open = name.IndexOf('<', StringComparison.Ordinal);
        int close = name.IndexOf('>', StringComparison.Ordinal);
        string method = open >= 0 && close > open ? name[(open + 1)..close] : name;
        Type? owner = stateMachineType.DeclaringType;
        while (owner is not null && owner.Name.StartsWith('<'))
        {
            owner = owner.DeclaringType;
        }

        return owner is null ? method : $"{owner.Name}.{method}";
    }

    private static string FriendlyTypeName(Type type)
    {
        string name = type.Name.Split('`')[0];
        return type.DeclaringType is { } outer ? $"{outer.Name.Split('`')[0]}.{name}" : name;
    }
}
