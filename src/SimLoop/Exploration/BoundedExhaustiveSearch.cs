using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// Depth-first search over every schedule with at most a given number of preemptions, that is, choices other than
/// FIFO's (loom's and shuttle's bounded DFS; two or three catch most bugs). Each run replays a prefix of choices and goes on FIFO; the next
/// prefix changes the deepest decision that still has an untried choice within the bound. Deterministic: the
/// n-th schedule is the same on every machine. For small bodies: the number of schedules grows fast.
/// </summary>
internal sealed class BoundedExhaustiveSearch(int preemptionBound, Func<IScheduleStrategy, SimulationRun> run)
{
    /// <summary>Runs schedules until one fails, all within the bound are done, or <paramref name="maxRuns"/> is reached.</summary>
    /// <returns>Every run made (the last one failing if a failure was found) and whether the space was exhausted.</returns>
    public (List<SimulationRun> Runs, bool Exhausted) Search(int maxRuns, Action<SimulationRun>? onRun = null)
    {
        var runs = new List<SimulationRun>();
        int[]? prefix = [];
        while (prefix is not null && runs.Count < maxRuns)
        {
            var strategy = new PrefixStrategy(prefix);
            SimulationRun result = run(strategy);
            runs.Add(result);
            onRun?.Invoke(result);
            if (result.Failed)
            {
                return (runs, false);
            }

            prefix = NextPrefix(strategy.Points);
        }

        return (runs, prefix is null);
    }

    private int[]? NextPrefix(IReadOnlyList<PrefixStrategy.Point> points)
    {
        for (int i = points.Count - 1; i >= 0; i--)
        {
            // Every alternative is a non-zero choice, so it costs one preemption.
            PrefixStrategy.Point p = points[i];
            if (p.Chosen + 1 < p.Ready.Length && p.PreemptionsBefore + 1 <= preemptionBound)
            {
                int[] next = new int[i + 1];
                for (int k = 0; k < i; k++)
                {
                    next[k] = points[k].Chosen;
                }

                next[i] = p.Chosen + 1;
                return next;
            }
        }

        return null;
    }
}
