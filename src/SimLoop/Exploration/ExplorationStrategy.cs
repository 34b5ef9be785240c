namespace SimLoop.Exploration;

/// <summary>Which scheduling strategy an exploration runs its iterations with.</summary>
public enum ExplorationStrategy
{
    /// <summary>FIFO (asyncio's order) in every iteration; only seeded randomness (timers, <c>loop.Random</c>) varies.</summary>
    Fifo,

    /// <summary><see cref="Scheduling.RandomStrategy"/>: a uniform random choice at every decision.</summary>
    Random,

    /// <summary><see cref="Scheduling.PctStrategy"/> with <see cref="ExplorationOptions.PctDepth"/>.</summary>
    Pct,

    /// <summary>
    /// Rotates across iterations (Coyote-style) through order strategies (random, PCT depth 1, 2 and 3) and the same
    /// four with a <see cref="SwarmProfile"/> drawn per iteration, which varies timing and faults as well; those two
    /// PCT members (depth 2 and 3) put change points on network deliveries too: a delivery at a change point takes its
    /// link's largest latency.
    /// </summary>
    Portfolio,

    /// <summary>
    /// Bounded exhaustive search: every schedule with at most <see cref="ExplorationOptions.PreemptionBound"/>
    /// preemptions, depth first, up to <see cref="ExplorationOptions.Iterations"/> runs, all with
    /// <see cref="ExplorationOptions.BaseSeed"/>. Sequential; for small bodies.
    /// </summary>
    Exhaustive,

    /// <summary>
    /// Swarm testing: <see cref="Scheduling.RandomStrategy"/> order, and in every iteration a <see cref="SwarmProfile"/>
    /// drawn from its seed (a latency profile, loss, duplication, reordering, timer jitter and order, Buggify on or off,
    /// timing and fault draws biased toward their extremes or not).
    /// </summary>
    Swarm,
}
