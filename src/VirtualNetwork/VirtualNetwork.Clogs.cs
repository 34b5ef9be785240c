namespace SimLoop.Networking;

/// <summary>Clogging: a clogged host's incoming and outgoing messages wait until it is unclogged.</summary>
public sealed partial class VirtualNetwork
{
    /// <summary>Clogs <paramref name="host"/> until <see cref="Unclog(string)"/>.</summary>
    /// <param name="host">The host's name.</param>
    public void Clog(string host) => ClogUntil(GetHost(host), VirtualDeadline.Never);

    /// <summary>
    /// Clogs <paramref name="host"/> for <paramref name="duration"/> (or until <see cref="Unclog(string)"/>).
    /// <see cref="Timeout.InfiniteTimeSpan"/>, or a duration that ends past the last representable instant (such as
    /// <see cref="TimeSpan.MaxValue"/>), clogs it until <see cref="Unclog(string)"/>.
    /// </summary>
    /// <param name="host">The host's name.</param>
    /// <param name="duration">How long (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is zero or negative (other than infinite).</exception>
    public void Clog(string host, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero && duration != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A clog must last a positive time (Timeout.InfiniteTimeSpan for one that lasts until Unclog).");
        }

        VirtualHost clogged = GetHost(host);
        long until = duration == Timeout.InfiniteTimeSpan ? VirtualDeadline.Never : VirtualDeadline.After(NowTicks, duration.Ticks);
        ClogUntil(clogged, until);
        ScheduleAt(until, () =>
        {
            if (clogged.IsClogged && clogged.ClogUntilTicks <= NowTicks)
            {
                Unclog(clogged);
            }
        });
    }

    /// <summary>Unclogs <paramref name="host"/>; messages that waited only for it go on, in the order they were sent.</summary>
    /// <param name="host">The host's name.</param>
    public void Unclog(string host) => Unclog(GetHost(host));

    /// <summary>
    /// FoundationDB's swizzle-clog: picks a random subset of <paramref name="hosts"/> (all hosts when null), clogs them
    /// one by one at random intervals of at most <paramref name="maxInterval"/>, then unclogs them in a random order at
    /// random intervals. All randomness comes from the stream <see cref="NetworkRandomStreams.Swizzle"/>.
    /// </summary>
    /// <param name="maxInterval">The longest pause between two steps (positive); a step that would fall past the last representable instant never happens.</param>
    /// <param name="hosts">Host names to choose from, or null for every host.</param>
    /// <returns>The planned steps, in the order they will happen.</returns>
    public IReadOnlyList<SwizzleClogStep> SwizzleClog(TimeSpan maxInterval, IEnumerable<string>? hosts = null)
    {
        if (maxInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInterval), maxInterval, "The interval must be positive.");
        }

        List<VirtualHost> candidates = hosts is null ? [.. this._hosts] : [.. hosts.Select(GetHost)];
        if (candidates.Count == 0)
        {
            throw new ArgumentException("Swizzle-clogging needs at least one host.", nameof(hosts));
        }

        Random random = RandomFor(NetworkRandomStreams.Swizzle);
        List<VirtualHost> chosen = [.. candidates.Where(_ => random.Next(2) == 1)];
        if (chosen.Count == 0)
        {
            chosen.Add(candidates[random.Next(candidates.Count)]);
        }

        List<SwizzleClogStep> steps = [];
        long at = NowTicks;
        foreach (bool clog in new[] { true, false })
        {
            Shuffle(chosen, random);
            foreach (VirtualHost host in chosen)
            {
                at = VirtualDeadline.After(at, 1 + random.NextInt64(maxInterval.Ticks));
                steps.Add(new SwizzleClogStep(host.Name, clog, at));
                ScheduleAt(at, clog ? () => ClogUntil(host, VirtualDeadline.Never) : () => Unclog(host));
            }
        }

        RecordFault(NetworkFault.Swizzle, string.Empty, string.Empty, $"swizzle {string.Join(" ", steps)}");
        return steps;
    }

    private static void Shuffle(List<VirtualHost> list, Random random)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = i - random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private void ClogUntil(VirtualHost host, long untilTicks)
    {
        host.ClogUntilTicks = host.IsClogged ? Math.Max(host.ClogUntilTicks, untilTicks) : untilTicks;
        host.IsClogged = true;
        RecordFault(NetworkFault.Clog, host.Name, string.Empty, untilTicks == VirtualDeadline.Never ? "clog" : $"clog until {untilTicks}");
    }

    private void Unclog(VirtualHost host)
    {
        if (!host.IsClogged)
        {
            return;
        }

        host.IsClogged = false;
        RecordFault(NetworkFault.Unclog, host.Name, string.Empty, "unclog");
        foreach (Transmission message in InTransitInOrder().Where(m => m.State == InFlightState.Clogged && !m.From.IsClogged && !m.To.IsClogged).ToList())
        {
            Resume(message, "unclogged");
        }
    }
}
