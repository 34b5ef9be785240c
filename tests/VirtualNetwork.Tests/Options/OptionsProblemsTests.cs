namespace SimLoop.Networking.Tests.Options;

public sealed class OptionsProblemsTests
{
    [Fact]
    public void ThrowIfAny_NoProblem_DoesNotThrow()
    {
        var problems = new OptionsProblems();
        problems.AtLeast("Size", 1, 1);
        problems.Probability("Rate", 0.5);

        Should.NotThrow(() => problems.ThrowIfAny("options"));
        problems.Count.ShouldBe(0);
    }

    [Fact]
    public void ThrowIfAny_SeveralProblems_OneArgumentExceptionListsThemInOrderPrefixedWithTheArgument()
    {
        var problems = new OptionsProblems();
        problems.AtLeast("Size", 0, 1);
        problems.Add("Link.Latency", "is required");
        problems.Probability("Rate", double.NaN);

        var e = Should.Throw<ArgumentException>(() => problems.ThrowIfAny("settings"));

        e.ParamName.ShouldBe("settings");
        e.Message.ShouldStartWith("settings.Size must be at least 1 (it is 0); settings.Link.Latency is required; settings.Rate must be a probability between 0 and 1 (it is NaN).");
    }
}
