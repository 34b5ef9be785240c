namespace SimLoop.Networking;

/// <summary>
/// Overflow-safe arithmetic on simulated instants (ticks of 100 ns): a sum or back-off that would pass
/// <see cref="long.MaxValue"/> saturates at <see cref="Never"/>, which the network never schedules.
/// </summary>
internal static class VirtualDeadline
{
    /// <summary>The instant that never comes: a timer due then is not scheduled at all.</summary>
    public const long Never = long.MaxValue;

    /// <summary><paramref name="atTicks"/> plus <paramref name="durationTicks"/> (both at least 0), or <see cref="Never"/> on overflow.</summary>
    public static long After(long atTicks, long durationTicks)
    {
        System.Diagnostics.Debug.Assert(atTicks >= 0 && durationTicks >= 0, "instants and durations are not negative");
        return durationTicks >= Never - atTicks ? Never : atTicks + durationTicks;
    }

    /// <summary>
    /// <paramref name="firstTicks"/> doubled <paramref name="attempt"/> times, capped at <paramref name="maxTicks"/>
    /// (TCP's exponential back-off), without overflowing.
    /// </summary>
    public static long BackOff(long firstTicks, int attempt, long maxTicks)
    {
        if (attempt >= 62 || firstTicks > (maxTicks >> Math.Min(attempt, 62)))
        {
            return maxTicks;
        }

        return Math.Min(firstTicks << attempt, maxTicks);
    }
}
