namespace SimLoop;

/// <summary>
/// FoundationDB's BUGGIFY: named fault-injection points that production code may keep, and that fire only inside a
/// simulation. In each run, each site is switched on with probability <see cref="SiteEnabledProbability"/> (decided
/// the first time the run reaches it); a site that is on fires with probability <see cref="FireProbability"/> each time
/// it is reached. Both draws come from the run's seed, per site, so a seed fully determines which sites fire.
/// </summary>
/// <example>
/// <code>
/// if (Buggify.Fire("store.slow-write"))
/// {
///     await Task.Delay(TimeSpan.FromSeconds(2), timeProvider, ct); // a rare, slow path the tests should exercise
/// }
/// </code>
/// </example>
public static class Buggify
{
    /// <summary>The chance that a site is switched on in a run (FoundationDB's 0.25).</summary>
    public const double SiteEnabledProbability = 0.25;

    /// <summary>The chance that a switched-on site fires each time it is reached (FoundationDB's 0.25).</summary>
    public const double FireProbability = 0.25;

    /// <summary>
    /// Whether the fault at <paramref name="site"/> should happen now: always false outside a running
    /// <see cref="SimulatedEventLoop"/>, or when <see cref="SimulationOptions.Buggify"/> is off.
    /// </summary>
    /// <param name="site">A stable name for the site, unique in the program.</param>
    /// <exception cref="ArgumentException"><paramref name="site"/> is null or blank.</exception>
    public static bool Fire(string site)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        return BaseEventLoop.Running is SimulatedEventLoop loop && loop.Buggify(site);
    }
}
