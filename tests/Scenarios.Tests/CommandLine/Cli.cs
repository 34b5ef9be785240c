using System.Diagnostics;
using System.Text.Json;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>Runs the command line in this process, or the built scenarios program in a new one.</summary>
internal static class Cli
{
    /// <summary>A bound on any child process: a hang fails the test instead of stalling the suite.</summary>
    private static readonly TimeSpan s_processTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs in this process with redirected output, printing commands in the repository's form.</summary>
    public static (int Code, string Out, string Error) Run(params string[] args) => RunAs(Invocation.RepositoryRoot, isTerminal: false, width: null, args);

    public static (int Code, string Out, string Error) RunAs(Invocation invocation, bool isTerminal, int? width, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLineApp.Run(args, output, error, isTerminal, invocation, width);
        return (code, output.ToString(), error.ToString());
    }

    public static JsonElement Json(params string[] args)
    {
        (int _, string output, string error) = Run([.. args, "--json"]);
        error.ShouldBeEmpty();
        return JsonDocument.Parse(output).RootElement;
    }

    public static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "simloop-scenarios-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs <c>dotnet SimLoop.Scenarios.dll args</c> in a new process.</summary>
    public static (int Code, string Out, string Error) RunProcess(params string[] args) => RunProcessIn(null, args);

    /// <summary>Runs <c>dotnet SimLoop.Scenarios.dll args</c> in a new process, in <paramref name="workingDirectory"/>.</summary>
    public static (int Code, string Out, string Error) RunProcessIn(string? workingDirectory, params string[] args) =>
        RunProcessWith(new Dictionary<string, string>(), workingDirectory, args);

    /// <summary>Runs <c>dotnet SimLoop.Scenarios.dll args</c> in a new process with <paramref name="environment"/> added to its environment.</summary>
    public static (int Code, string Out, string Error) RunProcessWith(IReadOnlyDictionary<string, string> environment, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The batch engine this suite may itself run under must not pick the child's shard.
        foreach (string engine in new[] { ShardSelection.KubernetesIndex, ShardSelection.SlurmTaskId, ShardSelection.SlurmTaskMin, ShardSelection.SlurmTaskCount })
        {
            start.Environment.Remove(engine);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(ScenariosDll());
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Start(start, workingDirectory);
    }

    /// <summary>Runs a command line as a user pastes it into bash, in <paramref name="workingDirectory"/>.</summary>
    public static (int Code, string Out, string Error) RunShell(string commandLine, string workingDirectory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        return Start(start, workingDirectory);
    }

    private static (int Code, string Out, string Error) Start(ProcessStartInfo start, string? workingDirectory)
    {
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.Environment.Remove(Invocation.OverrideVariable);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_processTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {s_processTimeout}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The built program: next to the tests when its runtime config was copied, else in the scenarios project's output.</summary>
    public static string ScenariosDll()
    {
        string beside = typeof(CommandLineApp).Assembly.Location;
        if (File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // tests/Scenarios.Tests/bin/<Configuration>/<tfm>/
        string configuration = testOutput.Parent!.Name;
        string framework = testOutput.Name;
        DirectoryInfo root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!;
        return Path.Combine(root.FullName, "scenarios", "bin", configuration, framework, "SimLoop.Scenarios.dll");
    }
}
