using System.Diagnostics;

namespace SimLoop.Benchmarks;

/// <summary>Runs a reference implementation as a child process, bounded in real time (a hang is killed and reported).</summary>
internal static class ChildProcess
{
    /// <summary>What a child process printed, or why it gave nothing usable.</summary>
    public readonly record struct Outcome(bool Ok, string Stdout, string Error);

    /// <summary>The repository root: the first folder above the program that holds <c>SimLoop.sln</c>.</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "SimLoop.sln")))
            {
                return d.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; kills it after <paramref name="timeout"/>.</summary>
    public static Outcome Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot(),
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Outcome(false, "", $"{file} could not be started: {ex.Message}");
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new Outcome(false, stdout.Result, $"{file} did not finish within {timeout.TotalSeconds:0} s (killed)");
            }

            process.WaitForExit();
            string output = stdout.Result;
            return process.ExitCode == 0
                ? new Outcome(true, output, "")
                : new Outcome(false, output, $"{file} exited with {process.ExitCode}: {LastLine(stderr.Result + "\n" + output)}");
        }
    }

    private static string LastLine(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3));
    }
}
