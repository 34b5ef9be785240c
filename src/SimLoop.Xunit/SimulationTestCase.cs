using System.ComponentModel;
using Xunit.Sdk;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>
/// The xunit test case of a <see cref="SimulationFactAttribute"/> or <see cref="SimulationTheoryAttribute"/> (one
/// per data row): it runs itself through SimLoop's runner. Created by the discoverers; public because xunit
/// deserializes test cases by type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SimulationTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>For deserialization only.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SimulationTestCase()
    {
    }

    /// <summary>Creates a test case (see <see cref="XunitTestCase"/> for the parameters).</summary>
    /// <param name="testMethod">The test method.</param>
    /// <param name="testCaseDisplayName">The display name.</param>
    /// <param name="uniqueID">The unique id.</param>
    /// <param name="explicit">Whether the test runs only when asked for explicitly.</param>
    /// <param name="skipExceptions">Exceptions that skip the test instead of failing it, or null.</param>
    /// <param name="skipReason">Why it is skipped, or null.</param>
    /// <param name="skipType">The type holding <paramref name="skipUnless"/>/<paramref name="skipWhen"/>, or null for the test class.</param>
    /// <param name="skipUnless">A static bool property: skip unless it is true; or null.</param>
    /// <param name="skipWhen">A static bool property: skip when it is true; or null.</param>
    /// <param name="traits">The traits.</param>
    /// <param name="testMethodArguments">The data row (empty for a fact).</param>
    /// <param name="sourceFilePath">The source file.</param>
    /// <param name="sourceLineNumber">The source line.</param>
    /// <param name="timeout">The timeout in milliseconds, or null.</param>
    public SimulationTestCase(
        IXunitTestMethod testMethod,
        string testCaseDisplayName,
        string uniqueID,
        bool @explicit,
        Type[]? skipExceptions,
        string? skipReason,
        Type? skipType,
        string? skipUnless,
        string? skipWhen,
        Dictionary<string, HashSet<string>>? traits,
        object?[]? testMethodArguments,
        string? sourceFilePath,
        int? sourceLineNumber,
        int? timeout)
        : base(testMethod, testCaseDisplayName, uniqueID, @explicit, skipExceptions, skipReason, skipType, skipUnless, skipWhen, traits: traits, testMethodArguments: testMethodArguments, sourceFilePath: sourceFilePath, sourceLineNumber: sourceLineNumber, timeout: timeout)
    {
    }

    /// <summary>Runs this test case through <see cref="SimulationTestCaseRunner"/>.</summary>
    /// <param name="explicitOption">How explicit tests are treated.</param>
    /// <param name="messageBus">Where test messages go.</param>
    /// <param name="constructorArguments">The test class constructor's arguments.</param>
    /// <param name="aggregator">Collects exceptions.</param>
    /// <param name="cancellationTokenSource">Cancels the run.</param>
    /// <returns>The run summary.</returns>
    public ValueTask<RunSummary> Run(
        ExplicitOption explicitOption,
        IMessageBus messageBus,
        object?[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource) =>
        SimulationTestCaseRunner.Default.RunAsync(this, explicitOption, messageBus, constructorArguments, aggregator, cancellationTokenSource);
}
