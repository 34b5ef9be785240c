namespace SimLoop.Exploration;

/// <summary>How far an exploration has got, for a live display.</summary>
/// <param name="IterationsDone">Iterations finished so far.</param>
/// <param name="Iterations">Iterations planned (for this shard).</param>
/// <param name="Failures">Failing iterations found so far.</param>
/// <param name="DistinctBehaviours">Distinct behaviours seen so far (see <see cref="ExplorationCoverage"/>; with
/// several threads, counted in the order iterations finish).</param>
/// <param name="NewInLastWindow">How many of them first appeared in the last <see cref="ExplorationCoverage.WindowFor"/> iterations finished.</param>
public readonly record struct ExplorationProgress(long IterationsDone, long Iterations, long Failures, long DistinctBehaviours = 0, long NewInLastWindow = 0);
