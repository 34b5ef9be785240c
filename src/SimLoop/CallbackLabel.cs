using System.Reflection;

namespace SimLoop;

/// <summary>
/// A stable label for a callback method, for traces and reports: <c>Type.Method</c>, where a lambda or local function
/// is named after the method it is written in (<c>LoopTask.Cancel (lambda)</c>, <c>Server.Run.Accept</c>), never by its
/// compiler-generated name (<c>&lt;&gt;c.&lt;Cancel&gt;b__21_0</c>), whose numbers change after unrelated edits and would change
/// every trace hash with them.
/// </summary>
internal static class CallbackLabel
{
    public static string Of(MethodInfo method)
    {
        Type? type = method.DeclaringType;
        while (type is not null && type.Name.StartsWith('<'))
        {
            type = type.DeclaringType; // <>c, <>c__DisplayClass5_0, a state machine: the type the code was written in
        }

        string typeName = type is null ? "" : StripArity(type.Name) + ".";
        string name = method.Name;
        if (!name.StartsWith('<'))
        {
            return typeName + LastSegment(name);
        }

        int close = name.IndexOf('>', StringComparison.Ordinal);
        string outer = close > 1 ? LastSegment(name[1..close]) : "lambda";
        // A local function is <Outer>g__Name|1_0; a lambda is <Outer>b__1_0.
        int local = name.IndexOf(">g__", StringComparison.Ordinal);
        if (local >= 0)
        {
            int bar = name.IndexOf('|', local);
            string inner = bar > local + 4 ? name[(local + 4)..bar] : "local";
            return $"{typeName}{outer}.{inner}";
        }

        return $"{typeName}{outer} (lambda)";
    }

    private static string LastSegment(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot >= 0 && dot < name.Length - 1 ? name[(dot + 1)..] : name;
    }

    private static string StripArity(string name)
    {
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick >= 0 ? name[..tick] : name;
    }
}
