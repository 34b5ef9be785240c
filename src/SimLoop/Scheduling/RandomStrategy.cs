namespace SimLoop.Scheduling;

/// <summary>
/// Picks a ready step uniformly at random from a seeded stream: a random walk over interleavings. Finds shallow
/// races quickly; has no per-run probability bound for deep ones (use <see cref="PctStrategy"/>).
/// </summary>
public sealed class RandomStrategy : IScheduleStrategy
{
    private readonly Random _random;

    /// <summary>Creates the strategy.</summary>
    /// <param name="seed">The seed of its choices (derive it from the simulation seed with <see cref="SeedDerivation"/>).</param>
    public RandomStrategy(ulong seed)
    {
        Seed = seed;
        _random = SeedDerivation.CreateRandom(seed, RandomStreams.RandomStrategySeed);
    }

    /// <summary>The seed of the choices.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public string Description => $"random(seed={Seed})";

    /// <inheritdoc/>
    public int NextStep(in ReadySet ready) => _random.Next(ready.Count);
}
