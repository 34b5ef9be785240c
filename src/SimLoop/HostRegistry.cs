using System.Net;
using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop;

/// <summary>
/// A simulated loop's hosts by name, in the order they were added, and the factory of the network they run on: the
/// network is created once, with the options given first (or defaults on first use), and its crash and restart events
/// reach the hosts registered here.
/// </summary>
internal sealed class HostRegistry
{
    private readonly Func<VirtualNetworkOptions, VirtualNetwork> _createNetwork;
    private readonly List<SimulatedHost> _hosts = new();
    private readonly Dictionary<string, SimulatedHost> _hostsByName = new(StringComparer.Ordinal); // looked up by name only, never iterated
    private VirtualNetwork? _network;

    /// <summary>Creates a registry whose network <paramref name="createNetwork"/> makes.</summary>
    public HostRegistry(Func<VirtualNetworkOptions, VirtualNetwork> createNetwork)
    {
        ArgumentNullException.ThrowIfNull(createNetwork);
        _createNetwork = createNetwork;
    }

    /// <summary>The network, created with default options on first use.</summary>
    public VirtualNetwork Network => _network ?? ConfigureNetwork(new VirtualNetworkOptions());

    /// <summary>Whether the network exists yet.</summary>
    public bool HasNetwork => _network is not null;

    /// <summary>The hosts, in the order they were added.</summary>
    public IReadOnlyList<SimulatedHost> Hosts => _hosts;

    /// <summary>Creates the network with <paramref name="options"/>; only once, before anything uses it.</summary>
    /// <exception cref="InvalidOperationException">The network already exists.</exception>
    public VirtualNetwork ConfigureNetwork(VirtualNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_network is not null)
        {
            throw new InvalidOperationException("The loop's network already exists: call ConfigureNetwork once, before the first use of Network or AddHost.");
        }

        VirtualNetwork network = _createNetwork(options);
        network.HostCrashed += host => Find(host.Name)?.OnCrashed();
        network.HostRestarted += host => Find(host.Name)?.OnRestarted();
        _network = network;
        return network;
    }

    /// <summary>Registers <paramref name="host"/> under its name.</summary>
    /// <exception cref="ArgumentException">A host of that name is registered already.</exception>
    public void Add(SimulatedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _hostsByName.Add(host.Name, host);
        _hosts.Add(host);
    }

    /// <summary>The host named <paramref name="name"/>, or null.</summary>
    public SimulatedHost? Find(string name) => _hostsByName.GetValueOrDefault(name);

    /// <summary>The network host that owns <paramref name="address"/>, or null.</summary>
    public VirtualHost? FindVirtualHost(IPAddress address)
    {
        foreach (VirtualHost host in Network.Hosts)
        {
            if (host.Addresses.Contains(address))
            {
                return host;
            }
        }

        return null;
    }
}
