using System.Text;
using Mono.Cecil;

namespace SimLoop.Rewriting.Catalog;

/// <summary>
/// The stable text key of a member reference, independent of the assembly that defines it (a call compiled against
/// <c>System.Runtime</c> and one compiled against <c>System.Private.CoreLib</c> get the same key):
/// <c>Namespace.Type`N::Name(ParamType,...)</c> with <c>!n</c>/<c>!!n</c> for the type's/method's generic
/// parameters, and <c>Namespace.Type::Field</c> for a field.
/// </summary>
internal static class MemberKeys
{
    /// <summary>The key of a method (its open form: generic arguments of the type and method are not part of it).</summary>
    /// <param name="method">The method reference.</param>
    public static string Of(MethodReference method)
    {
        MethodReference open = method.GetElementMethod();
        var key = new StringBuilder(TypeName(open.DeclaringType)).Append("::").Append(open.Name).Append('(');
        for (int i = 0; i < open.Parameters.Count; i++)
        {
            if (i > 0)
            {
                key.Append(',');
            }

            AppendType(key, open.Parameters[i].ParameterType);
        }

        return key.Append(')').ToString();
    }

    /// <summary>The key of a field.</summary>
    /// <param name="field">The field reference.</param>
    public static string Of(FieldReference field) => TypeName(field.DeclaringType) + "::" + field.Name;

    /// <summary>The full name of a type without its generic arguments (<c>System.Threading.Tasks.Task`1</c>).</summary>
    /// <param name="type">The type.</param>
    public static string TypeName(TypeReference type) => type.GetElementType().FullName;

    private static void AppendType(StringBuilder key, TypeReference type)
    {
        switch (type)
        {
            case GenericParameter parameter:
                key.Append(parameter.Type == GenericParameterType.Method ? "!!" : "!").Append(parameter.Position);
                break;
            case GenericInstanceType instance:
                key.Append(instance.ElementType.FullName).Append('<');
                for (int i = 0; i < instance.GenericArguments.Count; i++)
                {
                    if (i > 0)
                    {
                        key.Append(',');
                    }

                    AppendType(key, instance.GenericArguments[i]);
                }

                key.Append('>');
                break;
            case ByReferenceType byReference:
                AppendType(key, byReference.ElementType);
                key.Append('&');
                break;
            case ArrayType array:
                AppendType(key, array.ElementType);
                key.Append('[').Append(',', array.Rank - 1).Append(']');
                break;
            case PointerType pointer:
                AppendType(key, pointer.ElementType);
                key.Append('*');
                break;
            case IModifierType modified:
                AppendType(key, modified.ElementType);
                break;
            default:
                key.Append(type.FullName);
                break;
        }
    }
}
