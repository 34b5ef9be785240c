namespace SimLoop.Networking;

/// <summary>Per-link settings, switchable while a simulation runs.</summary>
public sealed partial class VirtualNetwork
{
    // Keyed by the host objects (identity hashes; names are unique), never iterated.
    private readonly Dictionary<(VirtualHost From, VirtualHost To), LinkState> _links = [];
    private LinkSettings _defaultLink;

    /// <summary>The settings of every link that has none of its own.</summary>
    public LinkSettings DefaultLink => _defaultLink;

    /// <summary>Changes the settings of every link that has none of its own.</summary>
    /// <param name="settings">The new default.</param>
    /// <exception cref="ArgumentException">Settings are out of range (one exception lists them all).</exception>
    public void SetDefaultLink(LinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(nameof(settings));
        _defaultLink = settings;
        RecordFault(NetworkFault.LinkSettings, string.Empty, string.Empty, $"default link {Describe(settings)}");
    }

    /// <summary>Sets the settings of the direction <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <param name="settings">The settings; null to go back to the default.</param>
    /// <exception cref="ArgumentException">
    /// The settings are out of range (one exception lists them all), a name is unknown, or <paramref name="from"/> and
    /// <paramref name="to"/> are the same host (a host's traffic to itself crosses no link and uses <see cref="DefaultLink"/>).
    /// </exception>
    public void SetLink(string from, string to, LinkSettings? settings)
    {
        settings?.Validate(nameof(settings));
        VirtualHost source = GetHost(from);
        VirtualHost destination = GetHost(to);
        ThrowIfSameHost(source, destination);
        LinkStateOf(source, destination).Settings = settings;
        RecordFault(NetworkFault.LinkSettings, source.Name, destination.Name, $"link {(settings is null ? "default" : Describe(settings))}");
    }

    /// <summary>Sets the settings of both directions between <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="a">One host's name.</param>
    /// <param name="b">The other host's name.</param>
    /// <param name="settings">The settings; null to go back to the default.</param>
    /// <exception cref="ArgumentException">As <see cref="SetLink"/>.</exception>
    public void SetLinkBothWays(string a, string b, LinkSettings? settings)
    {
        SetLink(a, b, settings);
        SetLink(b, a, settings);
    }

    /// <summary>The settings in effect for the direction <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <returns>The link's own settings, or the default.</returns>
    public LinkSettings GetLink(string from, string to) => SettingsOf(GetHost(from), GetHost(to));

    /// <summary>A link joins two different hosts: rejects a host given as both ends.</summary>
    private static void ThrowIfSameHost(VirtualHost from, VirtualHost to)
    {
        if (from == to)
        {
            throw new ArgumentException($"'from' and 'to' are both the host '{from.Name}': a link joins two different hosts (a host's traffic to itself crosses no link).", nameof(to));
        }
    }

    private static string Describe(LinkSettings s) =>
        $"latency={s.Latency.Shape}[{s.Latency.Min.Ticks},{s.Latency.Max.Ticks}] bandwidth={s.BandwidthBytesPerSecond} loss={s.LossRate} dup={s.DuplicationRate} reorder={s.ReorderRate}";

    private LinkSettings SettingsOf(VirtualHost from, VirtualHost to) =>
        _scheduler.ShapeLink(_links.TryGetValue((from, to), out LinkState? link) && link.Settings is { } settings ? settings : _defaultLink);

    private LinkSettings SettingsOf(LinkState link) => _scheduler.ShapeLink(link.Settings ?? _defaultLink);

    /// <summary>The state of the direction <paramref name="from"/> to <paramref name="to"/>, made on first use (never removed, so callers may keep it).</summary>
    internal LinkState LinkStateOf(VirtualHost from, VirtualHost to)
    {
        if (!_links.TryGetValue((from, to), out LinkState? link))
        {
            link = new LinkState();
            _links.Add((from, to), link);
        }

        return link;
    }
}
