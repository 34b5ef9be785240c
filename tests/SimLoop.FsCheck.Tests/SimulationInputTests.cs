using SimLoop.Choices;
using Shouldly;
using Xunit;

namespace SimLoop.FsCheck.Tests;

public sealed class SimulationInputTests
{
    [Fact]
    public void Parse_ReadsBackText()
    {
        SimulationInput input = SimulationInput.FromChoices(42, [new Choice("scheduler", ChoiceKind.Pick, 1), new Choice("buggify:slow disk", ChoiceKind.Integer, 7)]);

        SimulationInput parsed = SimulationInput.Parse(input.Text);

        parsed.Text.ShouldBe("seed=42 choices=[scheduler pick 1, buggify:slow disk integer 7]");
        parsed.Seed.ShouldBe(42UL);
        parsed.Choices.ShouldBe(input.Choices);
    }

    [Fact]
    public void Parse_SeedOnly_DrawsFromTheSeed()
    {
        SimulationInput.Parse("seed=17").ShouldSatisfyAllConditions(
            i => i.Seed.ShouldBe(17UL),
            i => i.Choices.ShouldBeNull());
        SimulationInput.Parse("seed=17 choices=[]").Choices.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("17", "seed=<decimal seed>")]
    [InlineData("seed=x", "seed=<decimal seed>")]
    [InlineData("seed=1 picks=[]", "choices=[stream kind value, ...]")]
    [InlineData("seed=1 choices=[scheduler pick]", "'<stream> <kind> <value>'")]
    [InlineData("seed=1 choices=[scheduler wobble 3]", "kind one of pick, integer")]
    public void Parse_BadText_SaysWhatItExpects(string text, string expected)
    {
        Should.Throw<FormatException>(() => SimulationInput.Parse(text)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Run_SameSeed_SameRun()
    {
        SimulationInput input = SimulationInput.FromSeed(5);

        input.Run(Systems.ReplicatedRegister.RacyIncrementsAsync).Trace.Hash()
            .ShouldBe(input.Run(Systems.ReplicatedRegister.RacyIncrementsAsync).Trace.Hash());
    }

    [Fact]
    public void For_NegativeShrinkBudget_NamesTheArgument()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SimulationInputs.For(Systems.ReplicatedRegister.RacyIncrementsAsync, shrinkBudget: -1)).ParamName.ShouldBe("shrinkBudget");
    }
}
