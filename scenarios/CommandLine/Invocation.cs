namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// How the user started this program, so that every printed command names what the user actually has and works
/// from the user's folder: <c>simloop</c> (the .NET tool), <c>dotnet simloop</c> (a local tool),
/// <c>dotnet run --project &lt;path to scenarios&gt; --</c> (SimLoop's own repository), or the program's path.
/// The environment variable <c>SIMLOOP_COMMAND</c>, when set, is used as is.
/// </summary>
internal sealed record Invocation(string Prefix)
{
    public const string OverrideVariable = "SIMLOOP_COMMAND";

    /// <summary>The form used by SimLoop's repository root: what the README's commands say.</summary>
    public static Invocation RepositoryRoot { get; } = new("dotnet run --project scenarios --");

    /// <summary>The installed tool.</summary>
    public static Invocation Tool { get; } = new("simloop");

    /// <summary>Looks at this process: its path, where this assembly lives, the current folder and the environment.</summary>
    public static Invocation Detect() => From(
        Environment.GetEnvironmentVariable(OverrideVariable),
        Environment.ProcessPath,
        typeof(Invocation).Assembly.Location,
        Environment.CurrentDirectory);

    /// <summary>The rule, on its inputs (tested without starting processes).</summary>
    public static Invocation From(string? overrideValue, string? processPath, string assemblyPath, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(overrideValue))
        {
            return new Invocation(overrideValue.Trim());
        }

        string process = (processPath ?? "")[((processPath ?? "").LastIndexOfAny(['/', '\\']) + 1)..];
        process = process.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? process[..^4] : process;
        if (process.Equals("simloop", StringComparison.OrdinalIgnoreCase))
        {
            return Tool; // a global tool or --tool-path: the shim is on the user's PATH or named by its path
        }

        bool viaDotnet = process.Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        string normalized = assemblyPath.Replace('\\', '/');
        if (viaDotnet && normalized.Contains("/simloop.explorer/", StringComparison.OrdinalIgnoreCase))
        {
            return new Invocation("dotnet simloop"); // a local tool, run from the package cache
        }

        if (ProjectFolder(assemblyPath) is { } project)
        {
            return new Invocation($"dotnet run --project {Quote(FromFolder(currentDirectory, project))} --");
        }

        return viaDotnet || processPath is null
            ? new Invocation($"dotnet {Quote(FromFolder(currentDirectory, assemblyPath))}")
            : new Invocation(Quote(processPath));
    }

    /// <summary><c>scenarios/</c> when the assembly is its build output (<c>scenarios/bin/&lt;configuration&gt;/&lt;framework&gt;/</c>).</summary>
    private static string? ProjectFolder(string assemblyPath)
    {
        DirectoryInfo? output = new FileInfo(assemblyPath).Directory;
        DirectoryInfo? project = output?.Parent?.Parent?.Parent;
        return project is not null && output!.Parent!.Parent!.Name == "bin" && File.Exists(Path.Combine(project.FullName, "Scenarios.csproj"))
            ? project.FullName
            : null;
    }

    /// <summary><paramref name="path"/> relative to <paramref name="folder"/> when it lies below it, else absolute.</summary>
    private static string FromFolder(string folder, string path)
    {
        string relative = Path.GetRelativePath(folder, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative.Replace('\\', '/');
    }

    public static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
