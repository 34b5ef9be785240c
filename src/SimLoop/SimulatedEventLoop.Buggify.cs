namespace SimLoop;

public sealed partial class SimulatedEventLoop
{
    // Looked up by name only, never iterated: its order cannot reach a decision or the trace.
    private readonly Dictionary<string, BuggifySite> _buggifySites = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the fault at <paramref name="site"/> fires now in this run (see <see cref="SimLoop.Buggify"/>): false when
    /// <see cref="SimulationOptions.Buggify"/> is off; otherwise decided from the seed, per site.
    /// </summary>
    /// <param name="site">A stable name for the site.</param>
    /// <exception cref="ArgumentException"><paramref name="site"/> is null or blank.</exception>
    public bool Buggify(string site)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        if (!_options.Buggify)
        {
            return false;
        }

        if (!_buggifySites.TryGetValue(site, out BuggifySite? state))
        {
            // A fraction at or above 1 - p switches on (fires): 0, the simplest choice, never does.
            Random random = GetRandom(RandomStreams.ForBuggifySite(site));
            state = new BuggifySite(random, random.NextDouble() >= 1 - SimLoop.Buggify.SiteEnabledProbability);
            _buggifySites.Add(site, state);
        }

        return state.Enabled && state.Random.NextDouble() >= 1 - SimLoop.Buggify.FireProbability;
    }

    /// <summary>The sites reached so far in this run that are switched on, in name order.</summary>
    public IReadOnlyList<string> EnabledBuggifySites()
    {
        var names = new List<string>();
        foreach (KeyValuePair<string, BuggifySite> pair in _buggifySites)
        {
            if (pair.Value.Enabled)
            {
                names.Add(pair.Key);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private sealed record BuggifySite(Random Random, bool Enabled);
}
