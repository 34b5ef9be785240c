using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace SimLoop.Scheduling;

/// <summary>
/// Finds where a task step runs (<see cref="AwaitSite"/>). An await continuation reaches the loop as the runtime's
/// state-machine box, the target of the <see cref="Action"/> the step invokes (posted to the task's synchronization
/// context, or registered on a loop future); the box's state machine says which await it resumes after. Per step this
/// costs a type lookup and a field read; everything else is computed once per box type and shared by every loop
/// (thread-safe; the same code gives the same sites in any order of first use).
/// </summary>
internal static class AwaitSiteResolver
{
    private static readonly ConcurrentDictionary<Type, AwaitSiteTable?> s_tables = new();
    private static readonly Func<Type, AwaitSiteTable?> s_build = static type => typeof(Task).IsAssignableFrom(type) ? AwaitSiteTable.ForBox(type) : null;

    /// <summary>Where the step <paramref name="handle"/> resumes, or null when it is no async method's continuation.</summary>
    public static AwaitSite? ResumeOf(Handle handle) =>
        BoxOf(handle) is { } box && TableOf(box.GetType()) is { } table ? table.ResumeOf(box) : null;

    /// <summary>
    /// The object a step of <paramref name="handle"/> would resume, if it is an await continuation: the state is the
    /// box's MoveNext action (an awaited task, posted to the task's context) or the box itself (Task.Yield); on a loop
    /// future the callback is the MoveNext action. Its type's <see cref="TableOf"/> says whether it is a box.
    /// </summary>
    public static object? BoxOf(Handle handle) => handle.State switch
    {
        Action action => action.Target,
        Task task => task,
        _ => (handle.Callback as Action)?.Target,
    };

    /// <summary>The await sites of <paramref name="boxType"/>, or null when it is no async state-machine box (computed once per type).</summary>
    public static AwaitSiteTable? TableOf(Type boxType) => s_tables.GetOrAdd(boxType, s_build);

    /// <summary>
    /// Where a task's first step started its body: the entry of the async method whose task the body returned, or of
    /// the body delegate's own method (a body that completed without awaiting).
    /// </summary>
    public static AwaitSite StartOf(Task? bodyTask, Delegate body)
    {
        if (bodyTask is not null && TableOf(bodyTask.GetType()) is { } table)
        {
            return table.Start;
        }

        // An async body that completed without awaiting returns a plain task, not its box.
        if (body.Method.GetCustomAttribute<StateMachineAttribute>() is { StateMachineType: { } machine } &&
            machine.GetMethod(nameof(IAsyncStateMachine.MoveNext), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) is { } moveNext)
        {
            return new AwaitSite(AwaitSiteTable.MethodLabel(machine), AwaitSitePdb.For(moveNext)?.FirstLine ?? 0, isStart: true);
        }

        return new AwaitSite(CallbackLabel.Of(body.Method), AwaitSitePdb.For(body.Method)?.FirstLine ?? 0, isStart: true);
    }
}
