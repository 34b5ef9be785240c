using System.Diagnostics;
using SimLoop.Scenarios.Tests.CommandLine;

namespace SimLoop.Scenarios.Tests.Rendering;

/// <summary>Headless Chromium for the picture tests: the DOM after the page's scripts ran, or a screenshot; every run bounded in real time.</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>The chromium program on PATH, or null (the tests then skip: .ci/setup installs it).</summary>
    public static string? Find() => FindOnPath("chromium") ?? FindOnPath("chromium-browser");

    public static string SkipReason => "chromium is not installed (.ci/setup installs it: apt-get install -y chromium); the HTML is not rendered.";

    /// <summary>The page's DOM after its scripts ran.</summary>
    public static string DumpDom(string chromium, string html)
    {
        string dom = Run(chromium, html, "--dump-dom", out string error);
        dom.ShouldNotBeEmpty($"chromium printed no DOM: {error}");
        return dom;
    }

    /// <summary>Saves a screenshot of the page to <paramref name="png"/>.</summary>
    public static void Screenshot(string chromium, string html, string png, int width = 1800, int height = 900)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        Run(chromium, html, $"--screenshot={png}", out string error, $"--window-size={width},{height}");
        File.Exists(png).ShouldBeTrue($"chromium wrote no screenshot: {error}");
    }

    /// <summary>The repository's <c>artifacts/</c> folder (CI keeps it), found above the test assembly.</summary>
    public static string ArtifactsFolder()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SimLoop.sln")))
            {
                return Path.Combine(folder.FullName, "artifacts");
            }
        }

        return Path.Combine(Cli.TempFolder(), "artifacts");
    }

    private static string Run(string chromium, string html, string action, out string error, params string[] extra)
    {
        string profile = Cli.TempFolder();
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", $"--user-data-dir={profile}" }.Concat(extra).Append(action).Append(new Uri(html).AbsoluteUri))
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> errorText = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish ({action}) within {s_timeout.TotalMinutes} minutes of real time");
        }

        error = errorText.Result;
        return output.Result;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
