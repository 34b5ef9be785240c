using Mono.Cecil;
using Mono.Cecil.Cil;
using SimLoop.Rewriting.Bodies;
using SimLoop.Rewriting.Catalog;
using SimLoop.Rewriting.Diagnostics;

namespace SimLoop.Rewriting;

/// <summary>
/// Rewrites the call sites of one user or third-party assembly so that, inside a simulation, they run under
/// SimLoop's control (see the rewriting README for what is rewritten); outside a simulation the rewritten code
/// behaves exactly as before. The output carries <c>[assembly: RewrittenBySimLoop]</c> and is never rewritten twice;
/// its debug symbols are kept (portable PDB) when the input has them; a strong name is kept as is (.NET does not
/// verify strong-name signatures, so the unsigned result loads wherever the original did).
/// </summary>
public sealed class AssemblyRewriter
{
    private static long s_temporaryCounter;
    private readonly InterceptionCatalog _catalog;

    /// <summary>Creates a rewriter over the <c>SimLoop.Interception</c> shims next to this assembly.</summary>
    public AssemblyRewriter()
        : this(InterceptionCatalog.Default)
    {
    }

    internal AssemblyRewriter(InterceptionCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>The version written into the marker attribute of every rewritten assembly.</summary>
    public static string Version { get; } = typeof(AssemblyRewriter).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>
    /// Rewrites <paramref name="inputPath"/> into <paramref name="outputPath"/> (the same path rewrites in place), with
    /// its PDB beside it when the input has one. An input that is already rewritten is copied unchanged.
    /// </summary>
    /// <param name="inputPath">The assembly to rewrite.</param>
    /// <param name="outputPath">Where to write the result.</param>
    /// <returns>What was rewritten, and the diagnostics for what was not.</returns>
    /// <exception cref="ArgumentException">A path is empty.</exception>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="NotSupportedException">The input is a framework or SimLoop assembly, which the rewriter refuses.</exception>
    /// <exception cref="BadImageFormatException">The input is not a .NET assembly.</exception>
    public RewriteResult Rewrite(string inputPath, string outputPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        inputPath = Path.GetFullPath(inputPath);
        outputPath = Path.GetFullPath(outputPath);
        if (!File.Exists(inputPath))
        {
            throw new FileNotFoundException($"The assembly to rewrite does not exist: {inputPath}. Pass the path of a built .dll.", inputPath);
        }

        var diagnostics = new List<RewriteDiagnostic>();
        using ModuleDefinition module = ReadModule(inputPath, diagnostics);
        string name = module.Assembly.Name.Name;
        if (ProtectedAssemblies.IsRefused(name))
        {
            throw new NotSupportedException(
                $"'{name}' is a {(ProtectedAssemblies.IsFramework(name) ? "framework" : "SimLoop")} assembly; SimLoop does not rewrite framework or SimLoop assemblies. " +
                "List only user and third-party assemblies (such as Polly.Core) to rewrite.");
        }

        if (IsMarked(module))
        {
            CopyUnchanged(inputPath, outputPath);
            return new RewriteResult(inputPath, outputPath, alreadyRewritten: true, 0, diagnostics);
        }

        var importer = new ShimImporter(module);
        var bodies = new MethodBodyRewriter(_catalog, importer, diagnostics);
        int rewritten = 0;
        foreach (TypeDefinition type in module.GetTypes())
        {
            foreach (MethodDefinition method in type.Methods)
            {
                if (method.HasBody)
                {
                    rewritten += bodies.Rewrite(method);
                }
            }
        }

        var marker = new CustomAttribute(module.ImportReference(_catalog.MarkerConstructor));
        marker.ConstructorArguments.Add(new CustomAttributeArgument(module.TypeSystem.String, Version));
        module.Assembly.CustomAttributes.Add(marker);
        Write(module, outputPath);
        return new RewriteResult(inputPath, outputPath, alreadyRewritten: false, rewritten, diagnostics);
    }

    /// <summary>Whether the assembly at <paramref name="path"/> carries the rewriter's marker.</summary>
    /// <param name="path">An assembly.</param>
    /// <returns>True when it was produced by the rewriter.</returns>
    public static bool IsRewritten(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using ModuleDefinition module = ModuleDefinition.ReadModule(path, new ReaderParameters { InMemory = true });
        return IsMarked(module);
    }

    private static bool IsMarked(ModuleDefinition module) =>
        module.Assembly.CustomAttributes.Any(a => a.AttributeType.FullName == InterceptionCatalog.MarkerAttributeName);

    private static ModuleDefinition ReadModule(string path, List<RewriteDiagnostic> diagnostics)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(path)!);
        var parameters = new ReaderParameters { ReadingMode = ReadingMode.Immediate, InMemory = true, AssemblyResolver = resolver };
        if (File.Exists(Path.ChangeExtension(path, ".pdb")) || HasEmbeddedPdb(path))
        {
            try
            {
                parameters.ReadSymbols = true;
                return ModuleDefinition.ReadModule(path, parameters);
            }
            catch (Exception e) when (e is SymbolsNotMatchingException or SymbolsNotFoundException or InvalidOperationException or BadImageFormatException)
            {
                diagnostics.Add(new RewriteDiagnostic(DiagnosticCodes.NoSymbols, RewriteSeverity.Info, Path.GetFileName(path), $"its debug symbols could not be read ({e.Message}); the rewritten assembly has none"));
                parameters.ReadSymbols = false;
            }
        }

        return ModuleDefinition.ReadModule(path, parameters);
    }

    private static bool HasEmbeddedPdb(string path)
    {
        using ModuleDefinition probe = ModuleDefinition.ReadModule(path, new ReaderParameters { InMemory = true });
        return probe.HasDebugHeader && probe.GetDebugHeader().Entries.Any(e => e.Directory.Type == ImageDebugType.EmbeddedPortablePdb);
    }

    private static void Write(ModuleDefinition module, string outputPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        using var assembly = new MemoryStream();
        using var symbols = new MemoryStream();
        var parameters = new WriterParameters { DeterministicMvid = true };
        if (module.HasSymbols)
        {
            parameters.WriteSymbols = true;
            parameters.SymbolStream = symbols;
            parameters.SymbolWriterProvider = new PortablePdbWriterProvider();
        }

        module.Write(assembly, parameters);
        WriteAtomically(outputPath, assembly);
        if (module.HasSymbols)
        {
            WriteAtomically(Path.ChangeExtension(outputPath, ".pdb"), symbols);
        }
    }

    private static void WriteAtomically(string path, MemoryStream content)
    {
        string temporary = $"{path}.{Environment.ProcessId}.{Interlocked.Increment(ref s_temporaryCounter)}.tmp";
        File.WriteAllBytes(temporary, content.ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    private static void CopyUnchanged(string inputPath, string outputPath)
    {
        if (string.Equals(inputPath, outputPath, StringComparison.Ordinal))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        File.Copy(inputPath, outputPath, overwrite: true);
        string pdb = Path.ChangeExtension(inputPath, ".pdb");
        if (File.Exists(pdb))
        {
            File.Copy(pdb, Path.ChangeExtension(outputPath, ".pdb"), overwrite: true);
        }
    }
}
