using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimLoop.Exploration;
using SimLoop.FsCheck.Tests.Support;
using SimLoop.FsCheck.Tests.Systems;
using Shouldly;
using Xunit;

namespace SimLoop.FsCheck.Tests;

public sealed class SimulationPropertyTests
{
    private static Config Quick(int maxTest, ulong seed = 20261202UL) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), null));

    [Property(MaxTest = 25)]
    public Property AtomicIncrements_HoldForEverySeed() => SimulationProperty.ForAllSeeds(ReplicatedRegister.AtomicIncrementsAsync);

    [Fact]
    public void ForAllSeeds_PropertyThatHolds_RunsEveryCase()
    {
        int runs = 0;
        Check.One(Quick(40), SimulationProperty.ForAllSeeds((loop, ct) =>
        {
            runs++;
            return ReplicatedRegister.AtomicIncrementsAsync(loop, ct);
        }));

        runs.ShouldBe(40);
    }

    [Fact]
    public void ForAllSeeds_LostUpdate_IsFoundAndShrunkToAMinimalChoiceSequence()
    {
        Exception failure = Should.Throw<Exception>(() => Check.One(Quick(100), SimulationProperty.ForAllSeeds(ReplicatedRegister.RacyIncrementsAsync)));

        string message = failure.Message;
        message.ShouldContain("lost update");
        message.ShouldContain("replaying recorded choices");
        message.ShouldContain("the bug needs a timing");
        PropertyFailure.Parse(message).ShouldSatisfyAllConditions(
            f => f.Minimised.ShouldBeGreaterThan(0),
            f => ((long)f.Minimised).ShouldBeLessThan(f.Original));
    }

    [Fact]
    public void ForAllSeeds_LostUpdate_ReplaysFromThePrintedInput()
    {
        Exception failure = Should.Throw<Exception>(() => Check.One(Quick(100), SimulationProperty.ForAllSeeds(ReplicatedRegister.RacyIncrementsAsync)));
        PropertyFailure printed = PropertyFailure.Parse(failure.Message);

        SimulationRun replay = printed.Input.Run(ReplicatedRegister.RacyIncrementsAsync);

        replay.Failure.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("lost update");
        printed.Input.Choices.ShouldNotBeNull().Count.ShouldBe(printed.Minimised);
    }

    [Fact]
    public void ForAllSeeds_SameReplaySeed_SameFailure()
    {
        string Failure() => FailureText.WithoutStackFrames(Should.Throw<Exception>(() => Check.One(Quick(100, seed: 7), SimulationProperty.ForAllSeeds(ReplicatedRegister.RacyIncrementsAsync))).Message);

        Failure().ShouldBe(Failure());
    }

    [Fact]
    public void SimulationInputs_InAPropertyOfYourOwn_ShrinkToTheMinimisedChoices()
    {
        Arbitrary<SimulationInput> inputs = SimulationInputs.For(ReplicatedRegister.RacyIncrementsAsync);

        Exception failure = Should.Throw<Exception>(() => Check.One(Quick(100), Prop.ForAll(inputs, input =>
            input.Run(ReplicatedRegister.RacyIncrementsAsync).Failure is null)));

        failure.Message.ShouldMatch(@"Shrunk:\s+seed=\d+ choices=\[net\.latency integer \d+");
    }
}
