namespace SimLoop.Interception;

/// <summary>
/// Declares that the rewriter replaces every call site of <see cref="Target"/> with a call to the method it is on.
/// The shim has the target's stack shape: a static method whose parameters are the target's (the receiver first,
/// by reference for a value type) and whose generic parameters are the declaring type's, then the method's.
/// </summary>
/// <remarks>
/// The key format is the rewriter's (<c>Namespace.Type`N::Name(ParamType,...)</c>, generic parameters as <c>!0</c>
/// of the type and <c>!!0</c> of the method, a field as <c>Namespace.Type::Field</c>); a test checks that every key
/// names a real framework member.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class InterceptsAttribute : Attribute
{
    public InterceptsAttribute(string target)
    {
        Target = target;
    }

    /// <summary>The intercepted member's key.</summary>
    public string Target { get; }
}
