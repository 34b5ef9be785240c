namespace SimLoop.Exploration;

/// <summary>How far an exploration has got, for a live display.</summary>
/// <param name="IterationsDone">Iterations finished so far.</param>
/// <param name="Iterations">Iterations planned (for this shard).</param>
/// <param name="Failures">Failing iterations found so far.</param>
public readonly record struct ExplorationProgress(long IterationsDone, long Iterations, long Failures);
