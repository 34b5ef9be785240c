using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using SimLoop.Rewriting.Catalog;
using SimLoop.Rewriting.Diagnostics;

namespace SimLoop.Rewriting.Bodies;

/// <summary>
/// Rewrites the call sites in one method body: a call (or <c>newobj</c>, or a read of a static field) of an
/// intercepted member becomes a call of its shim, with the same stack shape; a guarded API gets a guard call in
/// front; an unsupported construct gets a diagnostic. Branch targets and exception-handler boundaries stay on the
/// same instructions.
/// </summary>
internal sealed class MethodBodyRewriter(InterceptionCatalog catalog, ShimImporter importer, List<RewriteDiagnostic> diagnostics)
{
    private const string DisposeKey = "System.IDisposable::Dispose()";
    private const string DisposeAsyncKey = "System.IAsyncDisposable::DisposeAsync()";

    /// <summary>Rewrites <paramref name="method"/>'s body.</summary>
    /// <param name="method">A method with a body.</param>
    /// <returns>How many call sites were rewritten or guarded.</returns>
    public int Rewrite(MethodDefinition method)
    {
        MethodBody body = method.Body;
        int rewritten = 0;
        bool expanded = false;
        for (int i = 0; i < body.Instructions.Count; i++)
        {
            Instruction instruction = body.Instructions[i];
            switch (instruction.OpCode.Code)
            {
                case Code.Call or Code.Callvirt or Code.Newobj when instruction.Operand is MethodReference target:
                    int inserted = RewriteCall(method, instruction, target, ref expanded);
                    if (inserted >= 0)
                    {
                        rewritten++;
                        i += inserted;
                    }

                    break;
                case Code.Ldsfld when instruction.Operand is FieldReference field:
                    if (catalog.Intercepts.TryGetValue(MemberKeys.Of(field), out MethodDefinition? getter))
                    {
                        instruction.OpCode = OpCodes.Call;
                        instruction.Operand = importer.Import(getter, []);
                        rewritten++;
                    }

                    break;
                case Code.Ldsflda when instruction.Operand is FieldReference field:
                    if (catalog.Intercepts.ContainsKey(MemberKeys.Of(field)))
                    {
                        Report(DiagnosticCodes.FieldAddress, method, $"takes the address of {MemberKeys.Of(field)}, which is not rewritten (only reads of the field are): read the field into a local first");
                    }

                    break;
                case Code.Ldftn or Code.Ldvirtftn when instruction.Operand is MethodReference target:
                    if (RewriteMethodPointer(method, instruction, target))
                    {
                        rewritten++;
                    }

                    break;
            }
        }

        if (expanded)
        {
            body.OptimizeMacros();
        }

        return rewritten;
    }

    /// <returns>-1 when nothing was rewritten; otherwise how many instructions were inserted after <paramref name="instruction"/>.</returns>
    private int RewriteCall(MethodDefinition method, Instruction instruction, MethodReference target, ref bool expanded)
    {
        string key = MemberKeys.Of(target);
        if (catalog.Intercepts.TryGetValue(key, out MethodDefinition? shim))
        {
            return Redirect(method, instruction, target, key, shim) ? 0 : -1;
        }

        string typeName = MemberKeys.TypeName(target.DeclaringType);
        if (catalog.Guards.TryGetValue(typeName, out TypeGuard? guard) && (!guard.ConstructorsOnly || target.Name == ".ctor"))
        {
            if (!expanded)
            {
                method.Body.SimplifyMacros(); // inserting code may push short branches out of range
                expanded = true;
            }

            // The original instruction becomes the guard's argument, so branches and handlers that target it now
            // start at the guard; the original call follows the guard.
            var original = Instruction.Create(instruction.OpCode, target);
            instruction.OpCode = OpCodes.Ldstr;
            instruction.Operand = key;
            Instruction call = Instruction.Create(OpCodes.Call, importer.Import(guard.Guard, []));
            ILProcessor il = method.Body.GetILProcessor();
            il.InsertAfter(instruction, call);
            il.InsertAfter(call, original);
            return 2;
        }

        string? reason = UnsupportedApis.ReasonFor(typeName, target.Name, key);
        if (reason is not null)
        {
            Report(DiagnosticCodes.UnsupportedApi, method, $"calls {key}: it {reason}");
        }

        return -1;
    }

    private bool Redirect(MethodDefinition method, Instruction instruction, MethodReference target, string key, MethodDefinition shim)
    {
        bool byRefReceiver = shim.Parameters.Count > 0 && shim.Parameters[0].ParameterType is ByReferenceType;
        if (instruction.OpCode == OpCodes.Call && target.HasThis && !byRefReceiver)
        {
            Report(DiagnosticCodes.BaseCall, method, $"makes a non-virtual (base) call to {key}; left as is (redirecting it would dispatch virtually)", RewriteSeverity.Info);
            return false;
        }

        if (instruction.Previous?.OpCode == OpCodes.Constrained)
        {
            if (key is DisposeKey or DisposeAsyncKey)
            {
                return false; // `using` on a struct or a generic value: it cannot be a Timer; nothing to redirect
            }

            Report(DiagnosticCodes.ConstrainedCall, method, $"makes a constrained call to {key} on a generic receiver; not rewritten: call it on the concrete type");
            return false;
        }

        List<TypeReference> arguments = ShimImporter.GenericArgumentsOf(target);
        if (arguments.Count != shim.GenericParameters.Count)
        {
            Report(DiagnosticCodes.UnsupportedApi, method, $"calls {key} with {arguments.Count} generic arguments; its shim takes {shim.GenericParameters.Count}: not rewritten (a SimLoop bug: please report it)");
            return false;
        }

        instruction.OpCode = OpCodes.Call;
        instruction.Operand = importer.Import(shim, arguments);
        return true;
    }

    private bool RewriteMethodPointer(MethodDefinition method, Instruction instruction, MethodReference target)
    {
        string key = MemberKeys.Of(target);
        if (catalog.Intercepts.TryGetValue(key, out MethodDefinition? shim))
        {
            if (!target.HasThis && instruction.OpCode == OpCodes.Ldftn)
            {
                List<TypeReference> arguments = ShimImporter.GenericArgumentsOf(target);
                if (arguments.Count == shim.GenericParameters.Count)
                {
                    instruction.Operand = importer.Import(shim, arguments);
                    return true;
                }
            }

            Report(DiagnosticCodes.MethodPointer, method, $"creates a delegate to {key} (a method group); the delegate is not redirected: call it in a lambda instead");
            return false;
        }

        string typeName = MemberKeys.TypeName(target.DeclaringType);
        if (catalog.Guards.ContainsKey(typeName) || UnsupportedApis.ReasonFor(typeName, target.Name, key) is not null)
        {
            Report(DiagnosticCodes.MethodPointer, method, $"creates a delegate to {key} (a method group), which stays outside the loop's control inside a simulation");
        }

        return false;
    }

    private void Report(string code, MethodDefinition method, string message, RewriteSeverity severity = RewriteSeverity.Warning) =>
        diagnostics.Add(new RewriteDiagnostic(code, severity, method.FullName, message));
}
