namespace SimLoop.Interception;

/// <summary>
/// Declares that the rewriter inserts a call to the method it is on (a static method taking the API's name) before
/// every constructor call (and, unless <see cref="ConstructorsOnly"/>, every method call) of <see cref="TypeName"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class GuardsTypeAttribute : Attribute
{
    public GuardsTypeAttribute(string typeName, bool constructorsOnly)
    {
        TypeName = typeName;
        ConstructorsOnly = constructorsOnly;
    }

    /// <summary>The full name of the guarded type.</summary>
    public string TypeName { get; }

    /// <summary>Whether only constructor calls are guarded.</summary>
    public bool ConstructorsOnly { get; }
}
