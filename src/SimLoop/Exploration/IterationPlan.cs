using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// The seed and strategy of each iteration, derived deterministically from the options: iteration <c>i</c> of
/// shard <c>s</c> of <c>n</c> has global index <c>i·n + s</c>. The strategy is a function of the seed alone (and the
/// options), so a single seed reruns exactly; for the portfolio, seeds are drawn so that the member a seed picks
/// rotates with the global index. The swarm profile (see <see cref="SwarmProfile"/>) is a function of the seed too.
/// </summary>
internal sealed class IterationPlan
{
    // The portfolio's members: a PCT depth (0: random order), whether a swarm profile varies timing and faults, and
    // whether PCT's change points fall on network deliveries as well (depth 1 has none, so only for 2 and 3).
    private static readonly (int Depth, bool Swarm, bool Deliveries)[] s_portfolio =
        [(0, false, false), (1, false, false), (2, false, false), (3, false, false),
         (0, true, false), (1, true, false), (2, true, true), (3, true, true)];

    private readonly ExplorationOptions _options;
    private readonly ulong _iterationSeedBase;

    public IterationPlan(ExplorationOptions options, int pctExpectedSteps)
    {
        _options = options;
        PctExpectedSteps = pctExpectedSteps;
        _iterationSeedBase = SeedDerivation.Derive(options.BaseSeed, "iteration");
    }

    public int PctExpectedSteps { get; }

    public ulong SeedOf(long iteration)
    {
        ulong global = (ulong)iteration * (ulong)_options.ShardCount + (ulong)_options.ShardIndex;
        ulong seed = SeedDerivation.SplitMix64(_iterationSeedBase + global);
        if (_options.Strategy == ExplorationStrategy.Portfolio)
        {
            int wanted = (int)(global % (ulong)s_portfolio.Length);
            while (PortfolioMember(seed) != wanted)
            {
                seed = SeedDerivation.SplitMix64(seed);
            }
        }

        return seed;
    }

    public IScheduleStrategy StrategyFor(ulong seed)
    {
        ulong strategySeed = SeedDerivation.Derive(seed, "strategy");
        return _options.Strategy switch
        {
            ExplorationStrategy.Fifo => FifoStrategy.Instance,
            ExplorationStrategy.Random => new RandomStrategy(strategySeed),
            ExplorationStrategy.Pct => new PctStrategy(strategySeed, _options.PctDepth, PctExpectedSteps),
            ExplorationStrategy.Swarm => new RandomStrategy(strategySeed),
            _ => s_portfolio[PortfolioMember(seed)] switch
            {
                { Depth: > 0, Deliveries: true } member => PctOverDeliveries(strategySeed, member.Depth),
                { Depth: > 0 } member => new PctStrategy(strategySeed, member.Depth, PctExpectedSteps),
                _ => new RandomStrategy(strategySeed),
            },
        };
    }

    /// <summary>The swarm profile of the iteration with <paramref name="seed"/>, or null when it runs as configured.</summary>
    public SwarmProfile? SwarmFor(ulong seed)
    {
        bool swarm = _options.Strategy switch
        {
            ExplorationStrategy.Swarm => true,
            ExplorationStrategy.Portfolio => s_portfolio[PortfolioMember(seed)].Swarm,
            _ => false,
        };
        return swarm ? SwarmProfile.Draw(SeedDerivation.Derive(seed, "swarm")) : _options.Simulation.Swarm;
    }

    /// <summary>
    /// The loop options of one run: the template (its bounds included) with the seed and <paramref name="strategy"/>
    /// set. For that one run only: every call gets a fresh strategy (<see cref="StrategyFor"/>, a replay's choice list).
    /// </summary>
    public SimulationOptions OptionsFor(ulong seed, IScheduleStrategy strategy)
    {
        SimulationOptions options = _options.Simulation.Clone();
        options.Seed = seed;
        options.StrategyFactory = _ => strategy;
        options.Swarm = SwarmFor(seed);
        options.TracksShape = true;
        if (strategy is PctStrategy { Deliveries: true } deliveries)
        {
            options.ChoiceBias = ChainedBias.Of(options.ChoiceBias, deliveries);
        }

        return options;
    }

    // k counts the deliveries as well as the decisions: the FIFO calibration run counts decisions only, so twice that.
    private PctStrategy PctOverDeliveries(ulong strategySeed, int depth) =>
        new(strategySeed, depth, (int)Math.Min(int.MaxValue, 2L * PctExpectedSteps), deliveries: true);

    private static int PortfolioMember(ulong seed) =>
        (int)(SeedDerivation.Derive(seed, "portfolio") % (ulong)s_portfolio.Length);
}
