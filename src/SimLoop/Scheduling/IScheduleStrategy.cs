namespace SimLoop.Scheduling;

/// <summary>
/// Decides which ready step runs next. The loop asks only when more than one step is ready; the ready steps are
/// given oldest first with stable ids, never in hash order, so a strategy seeded the same way makes the same choices.
/// </summary>
public interface IScheduleStrategy
{
    /// <summary>A short description with the parameters that reproduce the strategy (for traces and reports).</summary>
    string Description { get; }

    /// <summary>Chooses the next step.</summary>
    /// <param name="ready">The ready steps (at least two).</param>
    /// <returns>An index in [0, <see cref="ReadySet.Count"/>).</returns>
    int NextStep(in ReadySet ready);
}
