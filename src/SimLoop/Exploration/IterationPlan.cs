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
    // The portfolio's members: a PCT depth (0: random order) and whether a swarm profile varies timing and faults.
    private static readonly (int Depth, bool Swarm)[] s_portfolio =
        [(0, false), (1, false), (2, false), (3, false), (0, true), (1, true), (2, true), (3, true)];

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
            _ => s_portfolio[PortfolioMember(seed)].Depth is var depth and > 0
                ? new PctStrategy(strategySeed, depth, PctExpectedSteps)
                : new RandomStrategy(strategySeed),
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
        return options;
    }

    private static int PortfolioMember(ulong seed) =>
        (int)(SeedDerivation.Derive(seed, "portfolio") % (ulong)s_portfolio.Length);
}
