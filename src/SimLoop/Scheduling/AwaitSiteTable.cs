using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace SimLoop.Scheduling;

/// <summary>
/// The await sites of one async method, for the runtime's state-machine box that runs it: the method's start, and one
/// site per await indexed by the state machine's <c>&lt;&gt;1__state</c> (the await it is suspended at, read from the
/// box before the step runs). Built once per box type, by reflection on the compiler's naming (best effort: a box
/// without the expected fields gives no table).
/// </summary>
internal sealed class AwaitSiteTable
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const BindingFlags AnyDeclared = AnyInstance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly Func<object, int> _readState;
    private readonly AwaitSite[] _resumes;
    private readonly AwaitSite _unknownResume;

    private AwaitSiteTable(Func<object, int> readState, AwaitSite start, AwaitSite[] resumes, AwaitSite unknownResume)
    {
        _readState = readState;
        Start = start;
        _resumes = resumes;
        _unknownResume = unknownResume;
    }

    /// <summary>The method's entry: its first line.</summary>
    public AwaitSite Start { get; }

    /// <summary>The site a step of <paramref name="box"/> (of this table's box type) resumes at.</summary>
    public AwaitSite ResumeOf(object box)
    {
        int state = _readState(box);
        return (uint)state < (uint)_resumes.Length ? _resumes[state] : _unknownResume;
    }

    /// <summary>The <see cref="AwaitSite.Id"/> of <see cref="ResumeOf"/>.</summary>
    public int ResumeIdOf(object box) => ResumeOf(box).Id;

    /// <summary>The table of a box type, or null when <paramref name="boxType"/> is no async state-machine box.</summary>
    public static AwaitSiteTable? ForBox(Type boxType)
    {
        FieldInfo? machineField = FindField(boxType, "StateMachine");
        if (machineField is null || !typeof(IAsyncStateMachine).IsAssignableFrom(machineField.FieldType))
        {
            return null;
        }

        Type machine = machineField.FieldType;
        FieldInfo? stateField = machine.GetField("<>1__state", AnyInstance);
        MethodInfo? moveNext = machine.GetMethod(nameof(IAsyncStateMachine.MoveNext), AnyInstance | BindingFlags.DeclaredOnly, Type.EmptyTypes);
        if (stateField is null || stateField.FieldType != typeof(int) || moveNext is null)
        {
            return null;
        }

        string method = MethodLabel(machine);
        MethodLines? lines = AwaitSitePdb.For(moveNext);
        var resumes = new AwaitSite[lines?.AwaitLines.Count ?? 0];
        for (int i = 0; i < resumes.Length; i++)
        {
            resumes[i] = new AwaitSite(method, lines!.AwaitLines[i], isStart: false);
        }

        return new AwaitSiteTable(StateReader(boxType, machineField, stateField), new AwaitSite(method, lines?.FirstLine ?? 0, isStart: true), resumes, new AwaitSite(method, 0, isStart: false));
    }

    /// <summary>
    /// The method the state machine was written as (<c>Type.Method</c>): the kickoff method whose
    /// <see cref="StateMachineAttribute"/> names it, labelled as callbacks are (<see cref="CallbackLabel"/>).
    /// </summary>
    internal static string MethodLabel(Type machine)
    {
        Type definition = machine.IsGenericType ? machine.GetGenericTypeDefinition() : machine;
        if (machine.DeclaringType is { } owner)
        {
            foreach (MethodInfo candidate in owner.GetMethods(AnyDeclared))
            {
                if (candidate.GetCustomAttribute<StateMachineAttribute>() is { StateMachineType: { } type } &&
                    (type == definition || type == machine))
                {
                    return CallbackLabel.Of(candidate);
                }
            }
        }

        // No kickoff found: the state machine's own name, <Name>d__N, without its compiler-generated parts.
        string name = machine.Name;
        int close = name.IndexOf('>', StringComparison.Ordinal);
        string inner = name.StartsWith('<') && close > 1 ? name[1..close] : name;
        Type? declaring = machine.DeclaringType;
        while (declaring is not null && declaring.Name.StartsWith('<'))
        {
            declaring = declaring.DeclaringType;
        }

        string method = inner.Contains('<', StringComparison.Ordinal) ? "(async method)" : inner;
        return declaring is null ? method : $"{declaring.Name.Split('`')[0]}.{method}";
    }

    private static FieldInfo? FindField(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.GetField(name, AnyInstance | BindingFlags.DeclaredOnly) is { } field)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads <c>box.StateMachine.&lt;&gt;1__state</c> without copying the state machine (a compiled accessor; reflection
    /// when compiling is not possible).
    /// </summary>
    private static Func<object, int> StateReader(Type boxType, FieldInfo machineField, FieldInfo stateField)
    {
        try
        {
            ParameterExpression box = Expression.Parameter(typeof(object), "box");
            Expression machine = Expression.Field(Expression.Convert(box, boxType), machineField);
            return Expression.Lambda<Func<object, int>>(Expression.Field(machine, stateField), box).Compile();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or MemberAccessException)
        {
            return b => machineField.GetValue(b) is { } m && stateField.GetValue(m) is int s ? s : -1;
        }
    }
}
