using SimLoop.Tests.RealLibraries.Cases;
using SimLoop.Tests.RealLibraries.Races;
using System.Diagnostics;
using Shouldly;
using Xunit;

namespace SimLoop.Tests.RealLibraries;

/// <summary>
/// The RealLibraries cases give the same trace hashes in two fresh processes (<c>probe real-libraries &lt;seed&gt;</c>
/// prints one line per case: its FIFO and seeded-random hashes and whether it ended as expected). Fresh processes
/// differ in what in-process runs share: object hashes (the pool items' ids), thread ids, JIT tiering, pool size.
/// </summary>
public sealed class RealLibrariesCrossProcessTests
{
    private static readonly TimeSpan s_probeBound = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(3)]
    [InlineData(1234)]
    public void Probe_TwoFreshProcesses_PrintTheSameHashesForEveryCase(ulong seed)
    {
        string first = RunProbe("real-libraries", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string second = RunProbe("real-libraries", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string[] lines = first.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => l.Split(' ')[0]).ShouldBe(RealLibraryCases.All.Select(c => $"case={c.Name}"));
        lines.ShouldAllBe(l => l.EndsWith(" ok=True", StringComparison.Ordinal));
        second.ShouldBe(first);
    }

    private static string RunProbe(params string[] arguments)
    {
        // The probe is built beside this test assembly: .../tests/SimLoop.Tests/bin/<config>/<tfm>/ -> .../tests/SimLoop.DeterminismProbe/bin/<config>/<tfm>/.
        string probe = Path.GetFullPath(AppContext.BaseDirectory
            .Replace($"{Path.DirectorySeparatorChar}SimLoop.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}SimLoop.DeterminismProbe{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        string dll = Path.Combine(probe, "SimLoop.DeterminismProbe.dll");
        File.Exists(dll).ShouldBeTrue($"the probe should be built at {dll}");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_probeBound))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"probe {string.Join(' ', arguments)} did not finish within {s_probeBound} of real time");
        }

        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error.Result);
        return output.Result.Trim();
    }
}
