using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Readme;

public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_PlainFifoRun_Passes()
    {
        SimulationRun run = SimLoop.Simulation.Run(seed: 0, ReadmeExample.TwoWithdrawals);
        run.Failure.ShouldBeNull();
    }

    [Fact]
    public void ReadmeExample_Exploration_FindsTheOverdraftAndItsSeedReproducesIt()
    {
        ExplorationResult result = SimLoop.Simulation.Explore(ReadmeExample.TwoWithdrawals,
            new ExplorationOptions { Iterations = 100, ThrowOnFailure = false, FailureFolder = null, HonourEnvironment = false });

        FailureReport failure = result.Failures.ShouldHaveSingleItem();
        failure.Exception.Message.ShouldStartWith("overdrawn");
        SimLoop.Simulation.Replay(failure.Seed, failure.MinimizedChoices, ReadmeExample.TwoWithdrawals).Failure!.Message.ShouldStartWith("overdrawn");
    }

    [Fact]
    public void Readme_ShowsTheExampleExactlyAsCompiled()
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "SimLoop.Tests", "Readme", "ReadmeExample.cs"));
        int begin = source.IndexOf("// README-BEGIN", StringComparison.Ordinal);
        int end = source.IndexOf("    // README-END", StringComparison.Ordinal);
        string[] lines = source[(source.IndexOf('\n', begin) + 1)..end].Split('\n');
        string example = string.Join('\n', lines.Select(l => l.Length >= 4 ? l[4..] : l.TrimStart())).TrimEnd();

        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        readme.ShouldContain(example);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SimLoop.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SimLoop.sln not found above the test assembly.");
    }
}
