using Mono.Cecil;

namespace SimLoop.Rewriting.Bodies;

/// <summary>Imports shim methods into the module being rewritten, once each, and closes them over a call site's generic arguments.</summary>
internal sealed class ShimImporter(ModuleDefinition module)
{
    private readonly Dictionary<MethodDefinition, MethodReference> _imported = new();

    /// <summary>The shim as a reference in the module, instantiated with <paramref name="genericArguments"/> when it is generic.</summary>
    /// <param name="shim">The shim.</param>
    /// <param name="genericArguments">The call site's generic arguments: the declaring type's, then the method's.</param>
    public MethodReference Import(MethodDefinition shim, IReadOnlyList<TypeReference> genericArguments)
    {
        if (!_imported.TryGetValue(shim, out MethodReference? reference))
        {
            reference = module.ImportReference(shim);
            _imported.Add(shim, reference);
        }

        if (genericArguments.Count == 0)
        {
            return reference;
        }

        var instance = new GenericInstanceMethod(reference);
        foreach (TypeReference argument in genericArguments)
        {
            instance.GenericArguments.Add(argument);
        }

        return instance;
    }

    /// <summary>The generic arguments of a call site: the declaring type's (for <c>Task&lt;T&gt;</c>), then the method's.</summary>
    /// <param name="target">The called member.</param>
    public static List<TypeReference> GenericArgumentsOf(MethodReference target)
    {
        var arguments = new List<TypeReference>();
        if (target.DeclaringType is GenericInstanceType type)
        {
            arguments.AddRange(type.GenericArguments);
        }

        if (target is GenericInstanceMethod method)
        {
            arguments.AddRange(method.GenericArguments);
        }

        return arguments;
    }
}
