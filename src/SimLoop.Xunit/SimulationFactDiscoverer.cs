using System.ComponentModel;
using Xunit.Sdk;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>Discovers <see cref="SimulationFactAttribute"/> tests (xunit infrastructure; public because xunit creates it by type).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SimulationFactDiscoverer : IXunitTestCaseDiscoverer
{
    /// <summary>One <see cref="SimulationTestCase"/>, or an error test case naming what is wrong with the method.</summary>
    /// <param name="discoveryOptions">The discovery options.</param>
    /// <param name="testMethod">The method.</param>
    /// <param name="factAttribute">Its attribute.</param>
    /// <returns>The test cases.</returns>
    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(factAttribute);
        var details = TestIntrospectionHelper.GetTestCaseDetails(discoveryOptions, testMethod, factAttribute);
        IXunitTestCase testCase = SimulationTestMethod.Problem(testMethod.Method, takesData: false) is { } problem
            ? new ExecutionErrorTestCase(details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, factAttribute.SourceFilePath, factAttribute.SourceLineNumber, problem)
            : new SimulationTestCase(
                details.ResolvedTestMethod,
                details.TestCaseDisplayName,
                details.UniqueID,
                details.Explicit,
                details.SkipExceptions,
                details.SkipReason,
                details.SkipType,
                details.SkipUnless,
                details.SkipWhen,
                testMethod.Traits.ToDictionary(t => t.Key, t => new HashSet<string>(t.Value, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase),
                [],
                factAttribute.SourceFilePath,
                factAttribute.SourceLineNumber,
                details.Timeout);
        return new([testCase]);
    }
}
