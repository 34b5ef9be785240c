namespace SimLoop.Scheduling;

/// <summary>One choice among several ready steps.</summary>
/// <param name="StepNumber">How many steps had run before the choice.</param>
/// <param name="Chosen">The index chosen.</param>
/// <param name="ReadyTaskIds">The ready steps' task ids, oldest first (0 for plain loop callbacks).</param>
public readonly record struct ScheduleDecision(long StepNumber, int Chosen, long[] ReadyTaskIds);
