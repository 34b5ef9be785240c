using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

/// <summary>Bad exploration input gets a clear error; an I/O failure never replaces the failure being reported.</summary>
public sealed class ExplorationBadInputTests
{
    [Fact]
    public void ShardIndex_AtOrAboveShardCount_IsRejected_NamingBoth()
    {
        var options = new ExplorationOptions { ShardIndex = 5, ShardCount = 2, FailureFolder = null, HonourEnvironment = false };
        var error = Should.Throw<OptionsValidationException>(() => Simulation.Explore(async (loop, ct) => await Task.Yield(), options));
        error.ParamName.ShouldBe("options");
        error.Message.ShouldContain("options.ShardIndex must be from 0 to ShardCount - 1 (1; shards are numbered from 0; it is 5)");
    }

    [Fact]
    public void UnwritableFailureFolder_StillReportsTheFailure_WithTheIoErrorAdded()
    {
        string blocker = Path.Combine(Path.GetTempPath(), $"simloop-not-a-folder-{Guid.NewGuid():N}");
        File.WriteAllText(blocker, "a file where the failure folder should be");
        try
        {
            var options = new ExplorationOptions { Iterations = 5, FailureFolder = Path.Combine(blocker, "sub"), HonourEnvironment = false };
            var failure = Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.LostUpdate, options));
            failure.Message.ShouldContain("lost update");
            failure.Message.ShouldContain("SIMLOOP_SEED=");
            failure.Message.ShouldContain("no trace file: the trace file could not be written");
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
