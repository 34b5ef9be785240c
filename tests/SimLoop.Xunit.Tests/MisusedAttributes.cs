using SimLoop.Xunit;

namespace SimLoop.Xunit.Tests;

/// <summary>Methods for attribute cases (misuses, conditional skips) whose outcomes the tests check.</summary>
public sealed class MisusedAttributes
{
    // No attribute here: a misuse is an error test case that would fail the suite (errors ignore Explicit); the test
    // hands a [SimulationFact] to the discoverer itself.
    public static Task FactWithData(int amount, SimulatedEventLoop loop) => Task.CompletedTask;

    // Explicit: a bad setting fails the test when it runs, so a plain run skips it.
    [SimulationFact(Explicit = true, Iterations = 0)]
    public static Task ZeroIterations(SimulatedEventLoop loop) => Task.CompletedTask;

    [SimulationFact(Explicit = true, Iterations = 0, MaxSteps = -1, MaxVirtualTimeMilliseconds = -5)]
    public static Task SeveralBadSettings(SimulatedEventLoop loop) => Task.CompletedTask;

    /// <summary>What <see cref="Passing"/>'s conditional skips read.</summary>
    public static bool Enabled => true;

    // Explicit; the tests hand the discoverer copies of this attribute with conditional skips.
    [SimulationFact(Explicit = true, Iterations = 3)]
    public static Task Passing(SimulatedEventLoop loop) => Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider);
}
