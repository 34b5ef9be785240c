using SimLoop.Networking;

namespace SimLoop.Scenarios.Rendering;

/// <summary>Pairs the network's fault events (crash and restart, partition and repair, ...) into time ranges.</summary>
internal sealed class FaultRanges
{
    private readonly List<TimelineFault> _closed = new();
    private readonly List<(string Key, string Kind, string[] Hosts, long Ticks, int Order, string Detail)> _open = new();

    public void Add(in NetworkEvent net, long ticks, int order)
    {
        string[] hosts = (net.From + "," + net.To).Split(',', StringSplitOptions.RemoveEmptyEntries);
        (string kind, bool starts) = net.Fault switch
        {
            NetworkFault.Crash => ("crash", true),
            NetworkFault.Restart => ("crash", false),
            NetworkFault.Clog => ("clog", true),
            NetworkFault.Unclog => ("clog", false),
            NetworkFault.Partition => ("partition", true),
            NetworkFault.Repair => ("partition", false),
            NetworkFault.Hold => ("hold", true),
            NetworkFault.Release => ("hold", false),
            _ => ("", false),
        };
        if (kind.Length == 0)
        {
            return;
        }

        string key = kind + ":" + string.Join(",", hosts);
        if (starts)
        {
            _open.RemoveAll(o => o.Key == key);
            _open.Add((key, kind, hosts, ticks, order, $"{net.From} {net.To} {net.Detail}".Trim()));
            return;
        }

        // A repair of everything (no hosts) ends every open range of its kind.
        foreach (var range in _open.Where(o => o.Kind == kind && (hosts.Length == 0 || o.Key == key)).ToArray())
        {
            _closed.Add(new TimelineFault(range.Kind, range.Hosts, range.Ticks, range.Order, ticks, range.Detail));
            _open.Remove(range);
        }
    }

    /// <summary>Every range, the ones still open ending at <paramref name="endTicks"/>.</summary>
    public IReadOnlyList<TimelineFault> Close(long endTicks) =>
        _closed.Concat(_open.Select(o => new TimelineFault(o.Kind, o.Hosts, o.Ticks, o.Order, endTicks, o.Detail))).OrderBy(f => f.StartOrder).ToArray();
}
