using Shouldly;
using SimLoop.Xunit.Tests.Support;
using Xunit;
using Xunit.Sdk;

namespace SimLoop.Xunit.Tests;

public sealed class SimulationFactTests
{
    private const string OverdraftName = "SimLoop.Xunit.Tests.ReadmeOverdraft.TwoWithdrawals";
    private const string SingleName = "SimLoop.Xunit.Tests.ReadmeOverdraft.SingleWithdrawal";

    private static readonly Dictionary<string, string> s_noEnvironment = [];

    [Fact]
    public async Task SimulationFact_ReadmeOverdraft_FailsWithSeedAndReplayLine()
    {
        IReadOnlyList<IMessageSinkMessage> messages = await AttributeRun.RunAsync(typeof(ReadmeOverdraft), nameof(ReadmeOverdraft.TwoWithdrawals), s_noEnvironment);

        ITestFailed failed = messages.OfType<ITestFailed>().ShouldHaveSingleItem();
        failed.ExceptionTypes[0].ShouldBe("SimLoop.Exploration.SimulationFailureException");
        string message = failed.Messages[0];
        message.ShouldContain("overdrawn: balance is -50");
        message.ShouldMatch(@"Simulation failed in iteration \d+ \(seed \d+");
        message.ShouldMatch($@"replay: SIMLOOP_SEED=\d+ SIMLOOP_TEST={OverdraftName} dotnet test --filter ""FullyQualifiedName~{OverdraftName}""");
        failed.Output.ShouldContain("SIMLOOP_SEED=");
    }

    [Fact]
    public async Task SimulationFact_SeedSetForOneTest_OtherTestStillRunsAllItsIterations()
    {
        ulong seed = SeedOf(await AttributeRun.RunAsync(typeof(ReadmeOverdraft), nameof(ReadmeOverdraft.TwoWithdrawals), s_noEnvironment));
        var environment = new Dictionary<string, string> { ["SIMLOOP_SEED"] = seed.ToString(), ["SIMLOOP_TEST"] = OverdraftName };

        IReadOnlyList<IMessageSinkMessage> named = await AttributeRun.RunAsync(typeof(ReadmeOverdraft), nameof(ReadmeOverdraft.TwoWithdrawals), environment);
        IReadOnlyList<IMessageSinkMessage> other = await AttributeRun.RunAsync(typeof(ReadmeOverdraft), nameof(ReadmeOverdraft.SingleWithdrawal), environment);

        string rerun = named.OfType<ITestFailed>().ShouldHaveSingleItem().Messages[0];
        rerun.ShouldStartWith($"Simulation failed (seed {seed},");  // one seed, no iteration number
        other.OfType<ITestPassed>().ShouldHaveSingleItem().Output.ShouldContain("SimLoop: 40 iteration(s) passed");
    }

    [Fact]
    public async Task SimulationFact_SeedWithoutTestName_NarrowsEveryTest()
    {
        var environment = new Dictionary<string, string> { ["SIMLOOP_SEED"] = "7" };

        IReadOnlyList<IMessageSinkMessage> messages = await AttributeRun.RunAsync(typeof(ReadmeOverdraft), nameof(ReadmeOverdraft.SingleWithdrawal), environment);

        messages.OfType<ITestPassed>().ShouldHaveSingleItem().Output.ShouldContain("SimLoop: 1 iteration(s) passed");
    }

    [Fact]
    public async Task SimulationFact_MethodWithDataParameters_IsAnErrorNamingTheFix()
    {
        IReadOnlyList<IMessageSinkMessage> messages = await AttributeRun.RunAsync(typeof(MisusedAttributes), nameof(MisusedAttributes.FactWithData), s_noEnvironment, new SimulationFactAttribute());

        messages.OfType<ITestFailed>().ShouldHaveSingleItem().Messages[0].ShouldContain("use [SimulationTheory]");
    }

    [Fact]
    public async Task SimulationFact_BadIterations_FailsNamingTheProperty()
    {
        IReadOnlyList<IMessageSinkMessage> messages = await AttributeRun.RunAsync(typeof(MisusedAttributes), nameof(MisusedAttributes.ZeroIterations), s_noEnvironment);

        string message = messages.OfType<ITestFailed>().ShouldHaveSingleItem().Messages[0];
        message.ShouldContain("Iterations");
        message.ShouldContain("at least 1");
    }

    [Fact]
    public async Task SimulationFact_SeveralBadSettings_FailsNamingEachAttributeProperty()
    {
        IReadOnlyList<IMessageSinkMessage> messages = await AttributeRun.RunAsync(typeof(MisusedAttributes), nameof(MisusedAttributes.SeveralBadSettings), s_noEnvironment);

        string message = messages.OfType<ITestFailed>().ShouldHaveSingleItem().Messages[0];
        message.ShouldContain("attribute.Iterations must be at least 1 (it is 0)");
        message.ShouldContain("attribute.MaxSteps must be positive");
        message.ShouldContain("attribute.MaxVirtualTimeMilliseconds must be positive");
        message.ShouldNotContain("Simulation.");
    }

    [Fact]
    public async Task SimulationFact_ConditionalSkips_AreHonoured()
    {
        var runsUnlessEnabled = new SimulationFactAttribute { Skip = "off", SkipUnless = nameof(MisusedAttributes.Enabled), Iterations = 3 };
        var skipsWhenEnabled = new SimulationFactAttribute { Skip = "off", SkipWhen = nameof(MisusedAttributes.Enabled), Iterations = 3 };

        IReadOnlyList<IMessageSinkMessage> ran = await AttributeRun.RunAsync(typeof(MisusedAttributes), nameof(MisusedAttributes.Passing), s_noEnvironment, runsUnlessEnabled);
        IReadOnlyList<IMessageSinkMessage> skipped = await AttributeRun.RunAsync(typeof(MisusedAttributes), nameof(MisusedAttributes.Passing), s_noEnvironment, skipsWhenEnabled);

        ran.OfType<ITestFailed>().Select(f => f.Messages[0]).ShouldBeEmpty();
        ran.OfType<ITestSkipped>().Select(f => f.Reason).ShouldBeEmpty();
        ran.OfType<ITestPassed>().ShouldHaveSingleItem().Output.ShouldContain("SimLoop: 3 iteration(s) passed");
        skipped.OfType<ITestSkipped>().ShouldHaveSingleItem().Reason.ShouldBe("off");
    }

    private static ulong SeedOf(IReadOnlyList<IMessageSinkMessage> messages)
    {
        string message = messages.OfType<ITestFailed>().ShouldHaveSingleItem().Messages[0];
        string seed = System.Text.RegularExpressions.Regex.Match(message, @"SIMLOOP_SEED=(\d+)").Groups[1].Value;
        return ulong.Parse(seed, System.Globalization.CultureInfo.InvariantCulture);
    }
}
