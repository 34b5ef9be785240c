namespace SimLoop.Exploration;

/// <summary>
/// How many distinct behaviours an exploration saw, and how the count grew: when <see cref="NewInLastWindow"/> is 0,
/// more iterations of the same strategy stopped finding anything new. A behaviour is the run's state key (see
/// <see cref="SimulatedEventLoop.ObserveState"/>) or, when the run reports none, the shape of its trace (the
/// sequence of entry kinds, task names and network event kinds, with times and values dropped). Independent of
/// parallelism: counted in iteration order.
/// </summary>
public sealed class ExplorationCoverage
{
    /// <summary>The iterations <see cref="NewInLastWindow"/> looks back over (the last tenth, at least 1).</summary>
    public static int WindowFor(long iterations) => (int)Math.Max(1, iterations / 10);

    internal ExplorationCoverage(IReadOnlyList<ulong> keys)
    {
        var seen = new HashSet<ulong>();
        var growth = new int[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            seen.Add(keys[i]);
            growth[i] = seen.Count;
        }

        DistinctAfter = growth;
        Window = WindowFor(keys.Count);
        DistinctBehaviours = seen.Count;
        NewInLastWindow = keys.Count == 0 ? 0 : DistinctBehaviours - (keys.Count > Window ? growth[keys.Count - Window - 1] : 0);
    }

    /// <summary>Distinct behaviours over all the iterations run.</summary>
    public int DistinctBehaviours { get; }

    /// <summary>How many of them first appeared in the last <see cref="Window"/> iterations.</summary>
    public int NewInLastWindow { get; }

    /// <summary>The iterations <see cref="NewInLastWindow"/> counts over.</summary>
    public int Window { get; }

    /// <summary>Distinct behaviours after each iteration, in iteration order (for a growth chart).</summary>
    public IReadOnlyList<int> DistinctAfter { get; }
}
