using SimLoop.Rewriting.Diagnostics;

namespace SimLoop.Rewriting;

/// <summary>
/// The command line the MSBuild integration calls: <c>dotnet SimLoop.Rewriting.dll [--out-dir DIR] ASSEMBLY...</c>.
/// Each assembly is rewritten into DIR (or in place); diagnostics are printed in MSBuild's format, so they show as
/// build warnings naming the method. Exit code 0 on success, 1 when an assembly could not be rewritten, 2 for bad
/// arguments.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: SimLoop.Rewriting [--out-dir DIR] ASSEMBLY.dll...";

    public static int Main(string[] args)
    {
        string? outDir = null;
        var inputs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out-dir")
            {
                if (i + 1 >= args.Length)
                {
                    Console.Error.WriteLine($"error SLR000: --out-dir needs a directory. {Usage}");
                    return 2;
                }

                outDir = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"error SLR000: unknown option {args[i]}. {Usage}");
                return 2;
            }
            else
            {
                inputs.Add(args[i]);
            }
        }

        if (inputs.Count == 0)
        {
            Console.Error.WriteLine($"error SLR000: no assembly to rewrite. {Usage}");
            return 2;
        }

        var rewriter = new AssemblyRewriter();
        int exitCode = 0;
        foreach (string input in inputs)
        {
            string output = outDir is null ? input : Path.Combine(outDir, Path.GetFileName(input));
            try
            {
                RewriteResult result = rewriter.Rewrite(input, output);
                foreach (RewriteDiagnostic diagnostic in result.Diagnostics)
                {
                    Console.Out.WriteLine(diagnostic.ToMSBuildLine(input));
                }

                Console.Out.WriteLine(result.AlreadyRewritten
                    ? $"SimLoop.Rewriting: {Path.GetFileName(input)} is already rewritten; copied unchanged to {output}"
                    : $"SimLoop.Rewriting: {Path.GetFileName(input)}: {result.CallSitesRewritten} call sites rewritten -> {output}");
            }
            catch (Exception e) when (e is IOException or NotSupportedException or BadImageFormatException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"{input} : error SLR000: {e.Message}");
                exitCode = 1;
            }
        }

        return exitCode;
    }
}
