using System.Reflection;

namespace SimLoop;

/// <summary>
/// Describes what a pending async method awaits, by looking into its compiler-generated state machine: the
/// awaiter fields hold the awaited task. Best effort (it reads private runtime fields); used for deadlock reports
/// and to recognise real-time timers (<c>Task.Delay</c> without a <see cref="TimeProvider"/>).
/// </summary>
internal static class AwaitInspector
{
    private const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const int MaxDepth = 8;

    private static readonly FieldInfo? s_actionField = typeof(Task).GetField("m_action", Fields);

    public static string Describe(Task task) => Inspect(task).Text;

    /// <summary>
    /// Whether the innermost awaited thing is outside the loop's control: a real-time timer from <c>Task.Delay</c>
    /// without a time provider, or a delegate task queued to the thread pool (<c>Task.Run</c>, <c>StartNew</c> on the
    /// default scheduler). Either is known the moment it is awaited, whatever the thread pool has done yet.
    /// </summary>
    public static bool AwaitsUncontrolledWork(Task task) => Inspect(task).Uncontrolled;

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

        if (type.Name.StartsWith("UnwrapPromise", StringComparison.Ordinal) ||
            (s_actionField?.GetValue(task) is not null && task.GetType().Assembly == typeof(Task).Assembly && !IsLoopScheduled(task)))
        {
            return ("a task running on the thread pool (Task.Run, or Task.Factory.StartNew on the default scheduler)", true);
        }

        return type.Name switch
        {
            "DelayPromise" or "DelayPromiseWithCancellation" => ("Task.Delay with a real-time timer (no TimeProvider was passed)", true),
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
            if (value is Task { IsCompleted: false } awaited)
            {
                return InspectTask(awaited, depth + 1);
            }

            if (value is not null && value.GetType().IsValueType && value.GetType().Name.StartsWith("ValueTask", StringComparison.Ordinal))
            {
                object? inner = value.GetType().GetField("_obj", Fields)?.GetValue(value);
                if (inner is Task { IsCompleted: false } innerTask)
                {
                    return InspectTask(innerTask, depth + 1);
                }

                if (inner is not null and not Task)
                {
                    return ($"a ValueTask backed by {FriendlyTypeName(inner.GetType())}", false);
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

    private static bool IsLoopScheduled(Task task) =>
        typeof(Task).GetField("m_taskScheduler", Fields)?.GetValue(task) is LoopTaskScheduler;

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
