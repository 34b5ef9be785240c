using FsCheck;
using FsCheck.Fluent;
using SimLoop.FsCheck.Tests.Support;
using SimLoop.FsCheck.Tests.Systems;
using SimLoop.Exploration;
using Shouldly;
using Xunit;

namespace SimLoop.FsCheck.Tests;

public sealed class OperationsPropertyTests
{
    private static readonly Config s_quick =
        Config.QuickThrowOnFailure.WithMaxTest(100).WithReplay(new Replay(new Rnd(20261202UL, 0x9E3779B97F4A7C15UL), null));

    [Fact]
    public void ForAllOperations_StaleRead_IsFoundAndShrunkToAPutThenAGet()
    {
        Exception failure = Should.Throw<Exception>(() => Check.One(s_quick, SimulationProperty.ForAllOperations<KvOperation>(KvOperation.Sequences, ReplicatedKvStore.RunAsync)));

        PropertyFailure printed = PropertyFailure.Parse(failure.Message);
        // The minimal run: one put and one get of the same key, and one message (the replication) slower than the link
        // minimum. Measured once over FsCheck seeds 1-30 (up to 1,000 cases): every one shrank to a put and a get of
        // one key, from 20-50 choices to 9.
        failure.Message.ShouldContain("stale read");
        failure.Message.ShouldContain("the bug needs a timing: 1 message slower than the link minimum");
        printed.Operations.ShouldNotBeNull().ShouldMatch(@"^\[put (\w)=\d, get \1\]$");
        printed.Minimised.ShouldBeGreaterThan(0);
        ((long)printed.Minimised).ShouldBeLessThan(printed.Original);
    }

    [Fact]
    public void ForAllOperations_StaleRead_ReplaysFromThePrintedInputAndOperations()
    {
        Exception failure = Should.Throw<Exception>(() => Check.One(s_quick, SimulationProperty.ForAllOperations<KvOperation>(KvOperation.Sequences, ReplicatedKvStore.RunAsync)));
        PropertyFailure printed = PropertyFailure.Parse(failure.Message);
        KvOperation[] operations = [.. printed.Operations!.Trim('[', ']').Split(", ").Select(KvOperation.Parse)];

        SimulationRun replay = printed.Input.Run((loop, ct) => ReplicatedKvStore.RunAsync(loop, operations, ct));

        replay.Failure.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("stale read");
    }

    [Fact]
    public void ForAllOperations_ArbitraryOverload_UsesTheOperationsShrinkerAndOptions()
    {
        Arbitrary<KvOperation[]> operations = SimulationInputs.Operations(KvOperation.Sequences);
        var options = new SimulationOptions { StrategyFactory = _ => Scheduling.FifoStrategy.Instance };

        Exception failure = Should.Throw<Exception>(() => Check.One(s_quick, SimulationProperty.ForAllOperations(operations, ReplicatedKvStore.RunAsync, options, shrinkBudget: 200)));

        PropertyFailure.Parse(failure.Message).Operations.ShouldNotBeNull().ShouldMatch(@"^\[put (\w)=\d, get \1\]$");
    }

    [Fact]
    public void ForAllOperations_SameReplaySeed_SameFailure()
    {
        string Failure() => FailureText.WithoutStackFrames(Should.Throw<Exception>(() => Check.One(s_quick, SimulationProperty.ForAllOperations<KvOperation>(KvOperation.Sequences, ReplicatedKvStore.RunAsync))).Message);

        Failure().ShouldBe(Failure());
    }
}
