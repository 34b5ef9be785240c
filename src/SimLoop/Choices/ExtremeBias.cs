namespace SimLoop.Choices;

/// <summary>
/// Biases a run's timing and fault draws toward their extremes, where timing bugs live: a timing draw (network and
/// storage latency, reordering delay, timer jitter) is moved to its smallest or its largest value with probability
/// <see cref="TimingShare"/> (half each), and a fault draw fires (a fraction at its largest value: loss, duplication,
/// Buggify, a storage fault; an integer at an end of its range: what a crash keeps, a clog's choice) with probability
/// <see cref="FaultShare"/>. Only draws the run makes at all are moved, so a fault kind the system does not configure
/// (and the swarm profile does not switch on) stays off, and every value stays in its configured range. Its own
/// generator is seeded from the run's seed; the values it returns are the recorded choices, so the run replays and
/// shrinks as any other. Data (<c>loop.Random</c> and the rewritten <c>Random</c>) and scheduler picks are left alone.
/// </summary>
internal sealed class ExtremeBias : IChoiceBias
{
    /// <summary>The share of timing draws moved to an extreme.</summary>
    public const double TimingShare = 0.25;

    /// <summary>The share of fault draws made to fire (or, for an integer, moved to an end of its range).</summary>
    public const double FaultShare = 0.125;

    private const ulong Scale = 1UL << 53;
    private readonly Xoshiro256StarStar _generator;

    /// <summary>Creates the bias for the run with <paramref name="seed"/>.</summary>
    public ExtremeBias(ulong seed) => _generator = new Xoshiro256StarStar(SeedDerivation.Derive(seed, "choice-bias.extremes"));

    /// <inheritdoc/>
    public ulong Bias(string stream, ChoiceKind kind, ulong bound, ulong drawn)
    {
        if (bound < 2 || kind is ChoiceKind.Pick or ChoiceKind.Bytes)
        {
            return drawn;
        }

        return RandomStreams.ClassOf(stream) switch
        {
            ChoiceClass.Timing when Happens(TimingShare) => Coin() ? 0 : bound - 1,
            ChoiceClass.Fault when kind is ChoiceKind.Integer && Happens(FaultShare) => Coin() ? 0 : bound - 1,
            ChoiceClass.Fault when Happens(FaultShare) => bound - 1,
            _ => drawn,
        };
    }

    private bool Happens(double share) => _generator.NextBelow(Scale) < (ulong)(share * Scale);

    private bool Coin() => _generator.NextBelow(2) == 1;
}
