using System.Globalization;
using SimLoop.Exploration;
using Xunit;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>
/// xunit's test runner, except that invoking the test method means exploring it: the method becomes the body of
/// <see cref="Simulation.Explore(Func{SimulatedEventLoop, CancellationToken, Task}, ExplorationOptions?, string, Func{string, string?})"/>
/// with the attribute's settings, under the test's full name (<c>Namespace.Class.Method</c>). The outcome goes to
/// the test's output; a failure is the test's failure, its message the report with the seed and the replay line.
/// </summary>
internal sealed class SimulationTestRunner(Func<string, string?> getVariable) : XunitTestRunner
{
    /// <summary>The name the replay line filters on and <c>SIMLOOP_TEST</c> is compared with.</summary>
    public static string TestNameOf(IXunitTest test) => $"{test.TestCase.TestClassName}.{test.TestCase.TestMethodName}";

    // InvokeTest, not InvokeTestMethod: xunit checks the method's arity against the data row before the latter, and a
    // simulation test's loop and token parameters are not in its data row.
    protected override ValueTask<TimeSpan> InvokeTest(XunitTestRunnerContext ctxt, object? testClassInstance)
    {
        ArgumentNullException.ThrowIfNull(ctxt);
#pragma warning disable RS0030 // Real time measured only for xunit's duration report; it never reaches the simulation.
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            Explore(ctxt.Test, ctxt.TestMethod, testClassInstance, ctxt.TestMethodArguments);
        }
#pragma warning disable CA1031 // Every failure of the exploration is the test's failure, reported through the aggregator.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ctxt.Aggregator.Add(ex);
        }

        return new(System.Diagnostics.Stopwatch.GetElapsedTime(start));
#pragma warning restore RS0030
    }

    private void Explore(IXunitTest test, System.Reflection.MethodInfo method, object? instance, object?[] data)
    {
        ISimulationAttribute attribute = test.TestCase.TestMethod.FactAttributes.OfType<ISimulationAttribute>().FirstOrDefault()
            ?? throw new InvalidOperationException($"{method.Name} has no [SimulationFact] or [SimulationTheory]: SimLoop's runner runs only simulation tests.");
        bool takesData = attribute is SimulationTheoryAttribute;
        Func<SimulatedEventLoop, CancellationToken, Task> body = SimulationTestMethod.For(method, takesData).Body(instance, data);
        ExplorationOptions options = attribute.Settings.ToExplorationOptions();
        string name = TestNameOf(test);
        ITestOutputHelper? output = TestContext.Current.TestOutputHelper;
        try
        {
            ExplorationResult result = Simulation.Explore(body, options, name, getVariable);
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SimLoop: {result.IterationsRun} iteration(s) passed ({options.Strategy}, base seed {options.BaseSeed}, {result.SimulatedTime.TotalSeconds:0.###} s of virtual time)."));
        }
        catch (SimulationFailureException failure)
        {
            output?.WriteLine(failure.Report.ToString());
            throw;
        }
    }
}
