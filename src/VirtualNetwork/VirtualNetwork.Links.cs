namespace SimLoop.Networking;

/// <summary>Per-link settings, switchable while a simulation runs.</summary>
public sealed partial class VirtualNetwork
{
    // Keyed by the host objects (identity hashes; names are unique), never iterated.
    private readonly Dictionary<(VirtualHost From, VirtualHost To), LinkState> links = [];
    private LinkSettings defaultLink;

    /// <summary>The settings of every link that has none of its own.</summary>
    public LinkSettings DefaultLink => defaultLink;

    /// <summary>Changes the settings of every link that has none of its own.</summary>
    /// <param name="settings">The new default.</param>
    public void SetDefaultLink(LinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(nameof(settings));
        defaultLink = settings;
        Record(NetworkEventKind.Fault, string.Empty, string.Empty, $"default link {Describe(settings)}");
    }

    /// <summary>Sets the settings of the direction <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <param name="settings">The settings; null to go back to the default.</param>
    public void SetLink(string from, string to, LinkSettings? settings)
    {
        settings?.Validate(nameof(settings));
        VirtualHost source = GetHost(from);
        VirtualHost destination = GetHost(to);
        LinkStateOf(source, destination).Settings = settings;
        Record(NetworkEventKind.Fault, source.Name, destination.Name, $"link {(settings is null ? "default" : Describe(settings))}");
    }

    /// <summary>Sets the settings of both directions between <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="a">One host's name.</param>
    /// <param name="b">The other host's name.</param>
    /// <param name="settings">The settings; null to go back to the default.</param>
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

    private static string Describe(LinkSettings s) =>
        $"latency={s.Latency.Shape}[{s.Latency.Min.Ticks},{s.Latency.Max.Ticks}] bandwidth={s.BandwidthBytesPerSecond} loss={s.LossRate} dup={s.DuplicationRate} reorder={s.ReorderRate}";

    private LinkSettings SettingsOf(VirtualHost from, VirtualHost to) =>
        links.TryGetValue((from, to), out LinkState? link) && link.Settings is { } settings ? settings : defaultLink;

    private LinkState LinkStateOf(VirtualHost from, VirtualHost to)
    {
        if (!links.TryGetValue((from, to), out LinkState? link))
        {
            link = new LinkState();
            links.Add((from, to), link);
        }

        return link;
    }
}
