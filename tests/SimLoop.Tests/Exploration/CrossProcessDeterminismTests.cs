using System.Diagnostics;
using Shouldly;
using Xunit;

namespace SimLoop.Tests.Exploration;

public sealed class CrossProcessDeterminismTests
{
    [Fact]
    public void SameSeed_GivesByteIdenticalTrace_InFreshProcesses()
    {
        string first = RunProbe("1234");
        string second = RunProbe("1234");
        first.ShouldStartWith("seed=1234 hash=");
        first.ShouldContain("failed=False");
        second.ShouldBe(first);
        RunProbe("1235").ShouldNotBe(first);
    }

    private static string RunProbe(string seed)
    {
        // The probe is built beside this test assembly: .../tests/SimLoop.Tests/bin/<config>/<tfm>/ -> .../tests/SimLoop.DeterminismProbe/bin/<config>/<tfm>/.
        string probe = Path.GetFullPath(AppContext.BaseDirectory
            .Replace($"{Path.DirectorySeparatorChar}SimLoop.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}SimLoop.DeterminismProbe{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        string dll = Path.Combine(probe, "SimLoop.DeterminismProbe.dll");
        File.Exists(dll).ShouldBeTrue($"the probe should be built at {dll}");
        var start = new ProcessStartInfo("dotnet", [dll, seed]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the determinism probe (seed {seed}) did not finish within 2 minutes of real time");
        }

        process.ExitCode.ShouldBe(0, error.Result);
        return output.Result.Trim();
    }
}
