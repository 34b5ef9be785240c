using FsCheck;
using FsCheck.Fluent;
using SimLoop.Choices;
using SimLoop.Scheduling;

namespace SimLoop.FsCheck;

/// <summary>
/// FsCheck generators and arbitraries of <see cref="SimulationInput"/>s: inputs are generated as seeds (uniform over
/// all 64 bits, whatever FsCheck's size) and shrink through SimLoop's own shrinker, never as raw integers: a failing
/// seed shrinks to its run's minimised choice sequence (fewer decisions, fewer and earlier faults, lower latencies).
/// </summary>
public static class SimulationInputs
{
    /// <summary>Seeds uniform over all 64 bits, drawn from FsCheck's random source (so FsCheck's replay seed gives the same ones).</summary>
    public static Gen<ulong> Seeds { get; } =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)high << 32) | (uint)low;

    /// <summary>
    /// Inputs of <paramref name="body"/>: generated from <see cref="Seeds"/>; a failing input shrinks to the input that
    /// replays its minimised choice sequence (see <see cref="SimulationInput"/>), a passing one not at all. The
    /// shrinker runs <paramref name="body"/>, so use the arbitrary with a property over the same body and options.
    /// </summary>
    /// <param name="body">The code under test: an input fails when its run fails (an exception, a deadlock, a limit).</param>
    /// <param name="options">The loop options of every run, or null for the defaults with <see cref="DefaultStrategy"/>.</param>
    /// <param name="shrinkBudget">How many replays one shrink step may make (SimLoop's shrinking; FsCheck's steps are on top).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shrinkBudget"/> is negative.</exception>
    public static Arbitrary<SimulationInput> For(Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options = null, int shrinkBudget = 1000)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ArbitraryOf(Minimizer(body, options, shrinkBudget));
    }

    /// <summary>Inputs generated from <see cref="Seeds"/> that shrink through <paramref name="minimizer"/>.</summary>
    internal static Arbitrary<SimulationInput> ArbitraryOf(InputMinimizer minimizer) =>
        Arb.From(Seeds.Select(SimulationInput.FromSeed), minimizer.Shrink);

    /// <summary>Operation sequences from <paramref name="operations"/> that shrink by deleting spans (halving their length down to single operations).</summary>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <param name="operations">The sequences.</param>
    public static Arbitrary<TOp[]> Operations<TOp>(Gen<TOp[]> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return Arb.From(operations, OperationsShrinker.Shrink);
    }

    /// <summary>
    /// The strategy of a property's runs when its options set none: random scheduling seeded from the run's seed (as
    /// the explorer's random strategy), so that properties vary the order of ready steps as well as the timing.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    public static IScheduleStrategy DefaultStrategy(ulong seed) =>
        new RandomStrategy(SeedDerivation.Derive(seed, RandomStreams.RandomStrategySeed));

    internal static InputMinimizer Minimizer(Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options, int shrinkBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shrinkBudget);
        SimulationOptions copy = options?.Clone() ?? new SimulationOptions();
        return new InputMinimizer(body, copy, shrinkBudget);
    }
}
