using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimLoop.FsCheck.Tests.Systems;
using Shouldly;
using Xunit;

namespace SimLoop.FsCheck.Tests;

/// <summary>The README's FsCheck snippets (README.md and src/SimLoop.FsCheck/PACKAGE.md show them; <see cref="ReadmeSnippetTests"/> checks both).</summary>
public sealed class ReadmeProperties
{
    // README-BEGIN fscheck-seeds
    [Property(MaxTest = 30)]
    public Property Increments_AreNeverLost() =>
        SimulationProperty.ForAllSeeds(ReplicatedRegister.AtomicIncrementsAsync);
    // README-END fscheck-seeds

    [Fact]
    public void StaleRead_IsFound()
    {
        Should.Throw<Exception>(() =>
        {
            // README-BEGIN fscheck-operations
            // Operation sequences against a system: FsCheck shrinks the operations, SimLoop the schedule and the draws.
            Property readsItsWrites = SimulationProperty.ForAllOperations(KvOperation.Sequences, ReplicatedKvStore.RunAsync);
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), readsItsWrites);
            // README-END fscheck-operations
        }).Message.ShouldContain("stale read");
    }
}
