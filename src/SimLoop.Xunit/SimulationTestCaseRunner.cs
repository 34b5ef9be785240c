using Xunit.Sdk;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>xunit's test case runner, with each test run by a <see cref="SimulationTestRunner"/>.</summary>
internal sealed class SimulationTestCaseRunner : XunitTestCaseRunner
{
    private readonly SimulationTestRunner _testRunner;

    public SimulationTestCaseRunner(SimulationTestRunner testRunner)
    {
        _testRunner = testRunner;
    }

    /// <summary>The runner that reads <c>SIMLOOP_*</c> from the process environment.</summary>
    public static SimulationTestCaseRunner Default { get; } = new(new SimulationTestRunner(Environment.GetEnvironmentVariable));

    public async ValueTask<RunSummary> RunAsync(
        IXunitTestCase testCase,
        ExplicitOption explicitOption,
        IMessageBus messageBus,
        object?[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        IReadOnlyCollection<IXunitTest> tests = await aggregator.RunAsync(testCase.CreateTests, []);
        if (aggregator.ToException() is { } exception)
        {
            return XunitRunnerHelper.FailTestCases(messageBus, cancellationTokenSource, [testCase], exception, sendTestCaseMessages: true);
        }

        return await Run(testCase, tests, messageBus, aggregator, cancellationTokenSource, testCase.TestCaseDisplayName, testCase.SkipReason, explicitOption, constructorArguments);
    }

    protected override ValueTask<RunSummary> RunTest(XunitTestCaseRunnerContext ctxt, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(ctxt);
        return _testRunner.Run(test, ctxt.MessageBus, ctxt.ConstructorArguments, ctxt.ExplicitOption, ctxt.Aggregator.Clone(), ctxt.CancellationTokenSource, ctxt.BeforeAfterTestAttributes);
    }
}
