using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace SimLoop.Rewriting.Tests.Support;

/// <summary>Compiles small C# snippets to assemblies (with portable PDBs) in a fresh folder, for rewriter tests.</summary>
internal sealed class SnippetCompiler : IDisposable
{
    private static readonly MetadataReference[] s_framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => System.IO.Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || System.IO.Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToArray();

    public SnippetCompiler()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "simloop-rewriting-tests", System.IO.Path.GetRandomFileName());
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Compiles <paramref name="source"/> into <c>{name}.dll</c> (and .pdb) in <see cref="Directory"/>.</summary>
    public string Compile(string name, string source, params string[] references)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(source, System.Text.Encoding.UTF8), new CSharpParseOptions(LanguageVersion.Latest), path: name + ".cs")],
            s_framework.Concat(references.Select(r => MetadataReference.CreateFromFile(r))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        string path = System.IO.Path.Combine(Directory, name + ".dll");
        using (FileStream dll = File.Create(path))
        using (FileStream pdb = File.Create(System.IO.Path.ChangeExtension(path, ".pdb")))
        {
            EmitResult result = compilation.Emit(dll, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
            if (!result.Success)
            {
                throw new InvalidOperationException("snippet does not compile:\n" + string.Join("\n", result.Diagnostics));
            }
        }

        return path;
    }

    /// <summary>Loads an assembly in its own load context (SimLoop's assemblies shared with the tests).</summary>
    public static Assembly Load(string path) => new AssemblyLoadContext(path).LoadFromAssemblyPath(path);

    /// <summary>A public static method of a loaded snippet as a delegate.</summary>
    public static T Method<T>(Assembly assembly, string type, string method)
        where T : Delegate =>
        assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A loaded assembly may keep its file open on some platforms; the folder is under the temp path.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
