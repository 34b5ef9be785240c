using System.Runtime.CompilerServices;
using SimLoop.Exploration;
using Xunit;
using Xunit.v3;

namespace SimLoop.Xunit;

/// <summary>
/// Marks a simulation test: a method <c>async Task M(SimulatedEventLoop loop, CancellationToken ct)</c> (the
/// parameters may be <see cref="SimulatedEventLoop"/>, <see cref="Scenarios.ScenarioContext"/> and
/// <see cref="CancellationToken"/>, in any order) that runs for <see cref="SimulationTestAttribute.Iterations"/> seeds through
/// <see cref="Simulation.Explore(Func{SimulatedEventLoop, CancellationToken, Task}, ExplorationOptions?, string)"/>.
/// A failure fails the test with a <see cref="SimulationFailureException"/> whose message has the seed, the minimised
/// schedule and the replay line; <c>SIMLOOP_SEED</c>/<c>SIMLOOP_REPLAY</c> apply to this test only when
/// <c>SIMLOOP_TEST</c> names it (its full name, <c>Namespace.Class.Method</c>, as the replay line prints it). The
/// test class instance is shared by all iterations: keep the state under test inside the method.
/// </summary>
[XunitTestCaseDiscoverer(typeof(SimulationFactDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SimulationFactAttribute : SimulationTestAttribute
{
    /// <summary>Creates the attribute (the compiler fills in the source location).</summary>
    /// <param name="sourceFilePath">The file of the test method.</param>
    /// <param name="sourceLineNumber">The line of the test method.</param>
    public SimulationFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
    }
}
