using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// The seed and strategy of each iteration, derived deterministically from the options: iteration <c>i</c> of
/// shard <c>s</c> of <c>n</c> has global index <c>i·n + s</c>. The strategy is a function of the seed alone (and the
/// options), so a single seed reruns exactly; for the portfolio, seeds are drawn so that the member a seed picks
/// rotates with the global index.
/// </summary>
internal sealed class IterationPlan
{
    private static readonly int[] s_portfolioDepths = [0, 1, 2, 3]; // 0: random; d > 0: PCT of depth d.

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
            int wanted = (int)(global % (ulong)s_portfolioDepths.Length);
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
            _ => s_portfolioDepths[PortfolioMember(seed)] is var depth and > 0
                ? new PctStrategy(strategySeed, depth, PctExpectedSteps)
                : new RandomStrategy(strategySeed),
        };
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
        return options;
    }

    private static int PortfolioMember(ulong seed) =>
        (int)(SeedDerivation.Derive(seed, "portfolio") % (ulong)s_portfolioDepths.Length);
}
