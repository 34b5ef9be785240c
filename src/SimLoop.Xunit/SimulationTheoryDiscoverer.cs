using System.ComponentModel;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>Discovers <see cref="SimulationTheoryAttribute"/> tests, one test case per data row (xunit infrastructure).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SimulationTheoryDiscoverer : TheoryDiscoverer
{
    /// <summary>One <see cref="SimulationTestCase"/> for the row, or an error test case naming what is wrong with the method.</summary>
    /// <param name="discoveryOptions">The discovery options.</param>
    /// <param name="testMethod">The method.</param>
    /// <param name="theoryAttribute">Its attribute.</param>
    /// <param name="dataRow">The data row.</param>
    /// <param name="testMethodArguments">The row's values.</param>
    /// <returns>The test cases.</returns>
    protected override ValueTask<IReadOnlyCollection<IXunitTestCase>> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        IXunitTestMethod testMethod,
        ITheoryAttribute theoryAttribute,
        ITheoryDataRow dataRow,
        object?[] testMethodArguments)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(theoryAttribute);
        var details = TestIntrospectionHelper.GetTestCaseDetailsForTheoryDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, testMethodArguments);
        IXunitTestCase testCase = SimulationTestMethod.Problem(testMethod.Method, takesData: true) is { } problem
            ? new ExecutionErrorTestCase(details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, theoryAttribute.SourceFilePath, theoryAttribute.SourceLineNumber, problem)
            : new SimulationTestCase(
                details.ResolvedTestMethod,
                SimulationTestMethod.DisplayNameWithoutSimulationParameters(details.TestCaseDisplayName, testMethod.Method),
                details.UniqueID,
                details.Explicit,
                details.SkipExceptions,
                details.SkipReason,
                details.SkipType,
                details.SkipUnless,
                details.SkipWhen,
                TestIntrospectionHelper.GetTraits(testMethod, dataRow),
                testMethodArguments,
                theoryAttribute.SourceFilePath,
                theoryAttribute.SourceLineNumber,
                details.Timeout);
        return new([testCase]);
    }

    /// <summary>
    /// A theory whose rows cannot be enumerated at discovery (non-serializable data, or pre-enumeration turned off)
    /// becomes an error test case saying so: a simulation theory needs its rows up front.
    /// </summary>
    /// <param name="discoveryOptions">The discovery options.</param>
    /// <param name="testMethod">The method.</param>
    /// <param name="theoryAttribute">Its attribute.</param>
    /// <returns>The test cases.</returns>
    protected override ValueTask<IReadOnlyCollection<IXunitTestCase>> CreateTestCasesForTheory(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        IXunitTestMethod testMethod,
        ITheoryAttribute theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(theoryAttribute);
        var details = TestIntrospectionHelper.GetTestCaseDetails(discoveryOptions, testMethod, theoryAttribute);
        IXunitTestCase testCase = details.SkipReason is not null && details.SkipUnless is null && details.SkipWhen is null
            ? new SimulationTestCase(details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.Explicit, details.SkipExceptions, details.SkipReason, details.SkipType, details.SkipUnless, details.SkipWhen, null, [], theoryAttribute.SourceFilePath, theoryAttribute.SourceLineNumber, details.Timeout)
            : new ExecutionErrorTestCase(
                details.ResolvedTestMethod,
                details.TestCaseDisplayName,
                details.UniqueID,
                theoryAttribute.SourceFilePath,
                theoryAttribute.SourceLineNumber,
                $"[SimulationTheory] {testMethod.MethodName} needs data rows that xunit can enumerate at discovery: serializable values (numbers, strings, enums...), and theory pre-enumeration on.");
        return new([testCase]);
    }
}
