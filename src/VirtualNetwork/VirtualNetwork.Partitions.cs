namespace SimLoop.Networking;

/// <summary>Partitions: messages between separated hosts are lost.</summary>
public sealed partial class VirtualNetwork
{
    private readonly HashSet<(string From, string To)> _partitions = [];

    /// <summary>Separates every host of <paramref name="a"/> from every host of <paramref name="b"/>, both ways.</summary>
    /// <param name="a">Names of the hosts on one side.</param>
    /// <param name="b">Names of the hosts on the other side.</param>
    /// <exception cref="ArgumentException">A host is on both sides (a host is never partitioned from itself), or a name is unknown.</exception>
    public void Partition(IEnumerable<string> a, IEnumerable<string> b) => SetPartition(a, b, bothWays: true, separated: true);

    /// <summary>Loses every message from <paramref name="from"/> to <paramref name="to"/> (the other direction still works).</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> and <paramref name="to"/> are the same host, or a name is unknown.</exception>
    public void PartitionOneWay(string from, string to) => SetOneWay(from, to, separated: true);

    /// <summary>Ends the partition between <paramref name="a"/> and <paramref name="b"/>, both ways.</summary>
    /// <param name="a">Names of the hosts on one side.</param>
    /// <param name="b">Names of the hosts on the other side.</param>
    /// <exception cref="ArgumentException">A host is on both sides, or a name is unknown.</exception>
    public void Repair(IEnumerable<string> a, IEnumerable<string> b) => SetPartition(a, b, bothWays: true, separated: false);

    /// <summary>Ends the one-way partition from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> and <paramref name="to"/> are the same host, or a name is unknown.</exception>
    public void RepairOneWay(string from, string to) => SetOneWay(from, to, separated: false);

    /// <summary>Ends every partition.</summary>
    public void RepairAll()
    {
        _partitions.Clear();
        RecordFault(NetworkFault.Repair, string.Empty, string.Empty, "repair all");
    }

    /// <summary>Whether messages from <paramref name="from"/> to <paramref name="to"/> are currently lost.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <returns>True when partitioned.</returns>
    public bool IsPartitioned(string from, string to) => IsPartitioned(GetHost(from), GetHost(to));

    private bool IsPartitioned(VirtualHost from, VirtualHost to) => _partitions.Count > 0 && _partitions.Contains((from.Name, to.Name));

    private void SetPartition(IEnumerable<string> a, IEnumerable<string> b, bool bothWays, bool separated)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        List<string> sideA = [.. a.Select(name => GetHost(name).Name)];
        List<string> sideB = [.. b.Select(name => GetHost(name).Name)];
        if (sideA.FirstOrDefault(sideB.Contains) is { } both)
        {
            throw new ArgumentException($"The host '{both}' is on both sides: a host is never partitioned from itself (its own traffic crosses no link). Give disjoint sides.", nameof(b));
        }

        foreach (string x in sideA)
        {
            foreach (string y in sideB)
            {
                SetOne(x, y, separated);
                if (bothWays)
                {
                    SetOne(y, x, separated);
                }
            }
        }

        string verb = separated ? "partition" : "repair";
        string arrow = bothWays ? "<->" : "->";
        RecordFault(separated ? NetworkFault.Partition : NetworkFault.Repair, string.Join(",", sideA), string.Join(",", sideB), $"{verb} {arrow}");
    }

    private void SetOneWay(string from, string to, bool separated)
    {
        ThrowIfSameHost(GetHost(from), GetHost(to));
        SetPartition([from], [to], bothWays: false, separated);
    }

    private void SetOne(string from, string to, bool separated)
    {
        if (separated)
        {
            _partitions.Add((from, to));
        }
        else
        {
            _partitions.Remove((from, to));
        }
    }
}
