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

    public static TaskWait Describe(Task task)
    {
        try
        {
            return InspectTask(task, 0);
        }
        catch (Exception ex) when (ex is MemberAccessException or TargetException or ArgumentException or InvalidCastException)
        {
            return new TaskWait(WaitKind.Unknown, "awaits something the inspector could not read");
        }
    }

    private static TaskWait InspectTask(Task task, int depth)
    {
        Type type = task.GetType();
        if (type.Name.StartsWith("AsyncStateMachineBox", StringComparison.Ordinal) &&
            type.GetField("StateMachine", Fields)?.GetValue(task) is { } stateMachine)
        {
            string method = MethodName(stateMachine.GetType());
            if (depth >= MaxDepth)
            {
                return new TaskWait(WaitKind.Unknown, $"{method} ...");
            }

            foreach (FieldInfo field in stateMachine.GetType().GetFields(Fields))
            {
                if (!field.Name.StartsWith("<>u__", StringComparison.Ordinal) || field.GetValue(stateMachine) is not { } awaiter)
                {
                    continue;
                }

                TaskWait? inner = InspectAwaiter(awaiter, depth);
                if (inner is { } found)
                {
                    return found with { Description = $"{method} awaits {found.Description}" };
                }
            }

            return new TaskWait(WaitKind.Unknown, $"{method} (awaiting something not recognised)");
        }

        if ((task.CreationOptions & TaskCreationOptions.LongRunning) != 0)
        {
            return DedicatedThread;
        }

        if (IsThreadPoolWork(task))
        {
            return ThreadPoolWork;
        }

        return type.Name switch
        {
            "DelayPromise" or "DelayPromiseWithCancellation" => DescribeDelay(task),
            "TaskNode" when type.DeclaringType == typeof(SemaphoreSlim) => new TaskWait(WaitKind.Semaphore, "SemaphoreSlim.WaitAsync"),
            _ => new TaskWait(WaitKind.Task, $"a {FriendlyTypeName(type)}"),
        };
    }

    /// <summary>
    /// A <c>Task.Delay</c>: on a real-time timer (no <see cref="TimeProvider"/>, or <c>TimeProvider.System</c>),
    /// on another provider's timer (the loop's fires in virtual time), or with no timer at all (an infinite delay,
    /// which only its token ends: an ordinary wait).
    /// </summary>
    private static TaskWait DescribeDelay(Task delay)
    {
        object? timer = FindField(delay.GetType(), "_timer")?.GetValue(delay);
        return timer switch
        {
            null => new TaskWait(WaitKind.Task, "Task.Delay(Timeout.InfiniteTimeSpan), which only its cancellation token ends"),
            _ when timer.GetType().Name == "TimerQueueTimer" => new TaskWait(WaitKind.RealTimeTimer, "Task.Delay with a real-time timer, outside the loop (no TimeProvider was passed)"),
            _ => new TaskWait(WaitKind.Task, $"Task.Delay on a {FriendlyTypeName(timer.GetType())}"),
        };
    }

    private static FieldInfo? FindField(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.GetField(name, Fields | BindingFlags.DeclaredOnly) is { } field)
            {
                return field;
            }
        }

        return null;
    }

    private static TaskWait? InspectAwaiter(object awaiter, int depth)
    {
        Type type = awaiter.GetType();
        if (type.DeclaringType is { IsGenericType: true } declaring && declaring.GetGenericTypeDefinition() == typeof(LoopFuture<>))
        {
            object? future = type.GetField("_future", Fields)?.GetValue(awaiter);
            return future is LoopFuture { IsDone: false } pending ? new TaskWait(WaitKind.LoopFuture, pending.ToString()) : null;
        }

        foreach (FieldInfo field in type.GetFields(Fields))
        {
            object? value = field.GetValue(awaiter);
            if (value is Task awaited)
            {
                // Thread-pool work is named as such whether or not the pool has finished it yet.
                return (awaited.CreationOptions & TaskCreationOptions.LongRunning) != 0 ? DedicatedThread
                    : IsThreadPoolWork(awaited) ? ThreadPoolWork
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
                    return IsSourceCompleted(inner, value) ? CompletedElsewhere($"ValueTask backed by {source}") : new TaskWait(WaitKind.Task, $"a ValueTask backed by {source}");
                }
            }
            else if (value is not null && value.GetType().IsValueType && field.FieldType.Name.Contains("Awaiter", StringComparison.Ordinal))
            {
                TaskWait? nested = InspectAwaiter(value, depth);
                if (nested is not null)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    private static TaskWait DedicatedThread =>
        new(WaitKind.DedicatedThread, "a task on a thread of its own (TaskCreationOptions.LongRunning)");

    private static TaskWait ThreadPoolWork =>
        new(WaitKind.ThreadPoolWork, "work queued to the thread pool (Task.Run, or Task.Factory.StartNew on the default scheduler)");

    /// <summary>
    /// The awaiter still holds a completed task, so the awaiting method has not resumed. While the loop is idle every
    /// continuation meant for it has been posted already: this one was queued somewhere else.
    /// </summary>
    private static TaskWait CompletedElsewhere(string what) =>
        new(WaitKind.ResumedElsewhere, $"a completed {what} whose continuation was queued outside the loop (ConfigureAwait(false) on a task completed inside another loop task's step, or a BCL primitive that completes asynchronously)");

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
