using System.Diagnostics;
using System.Text.Json;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>Runs the command line in this process, or the built scenarios program in a new one.</summary>
internal static class Cli
{
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLineApp.Run(args, output, error, isTerminal: false);
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
    public static (int Code, string Out, string Error) RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ScenariosDll());
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The built program: next to the tests when its runtime config was copied, else in the scenarios project's output.</summary>
    private static string ScenariosDll()
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
