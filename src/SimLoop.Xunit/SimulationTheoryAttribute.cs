using System.Runtime.CompilerServices;
using SimLoop.Exploration;
using Xunit;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>
/// Marks a data-driven simulation test: each data row (<c>[InlineData]</c>, <c>[MemberData]</c>...) explores
/// <see cref="SimulationTestAttribute.Iterations"/> seeds like <see cref="SimulationFactAttribute"/>. The method's data parameters come first,
/// the simulation parameters (<see cref="SimulatedEventLoop"/>, <see cref="Scenarios.ScenarioContext"/>,
/// <see cref="CancellationToken"/>) last: <c>async Task M(int amount, SimulatedEventLoop loop, CancellationToken ct)</c>.
/// Data rows must be serializable (xunit's pre-enumeration). The replay line names the method, so
/// <c>SIMLOOP_SEED</c> with <c>SIMLOOP_TEST</c> reruns that seed for every row of the theory.
/// </summary>
[XunitTestCaseDiscoverer(typeof(SimulationTheoryDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SimulationTheoryAttribute : SimulationTestAttribute, ITheoryAttribute
{
    // A FactAttribute that is a theory to xunit (ITheoryAttribute), not a TheoryAttribute: xunit's analyzers would
    // count the simulation parameters as data parameters (xUnit1009).

    /// <summary>Creates the attribute (the compiler fills in the source location).</summary>
    /// <param name="sourceFilePath">The file of the test method.</param>
    /// <param name="sourceLineNumber">The line of the test method.</param>
    public SimulationTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
    }

    /// <inheritdoc/>
    public bool DisableDiscoveryEnumeration { get; set; }

    /// <inheritdoc/>
    public bool SkipTestWithoutData { get; set; }
}
