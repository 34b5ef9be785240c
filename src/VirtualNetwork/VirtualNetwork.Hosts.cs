using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>Hosts and name resolution.</summary>
public sealed partial class VirtualNetwork
{
    private uint _nextAutomaticAddress = 1;

    /// <summary>Adds a host. Without addresses it gets the next free IPv4 address in 10.0.0.0/8 (10.0.0.1, 10.0.0.2, ...).</summary>
    /// <param name="name">A unique name that is not an IP literal.</param>
    /// <param name="addresses">IPv4 and/or IPv6 addresses, in the order resolution should return them.</param>
    /// <returns>The new host.</returns>
    /// <exception cref="ArgumentException">The name or an address is empty, invalid or already used.</exception>
    public VirtualHost AddHost(string name, params IPAddress[] addresses)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(addresses);
        if (IPAddress.TryParse(name, out _))
        {
            throw new ArgumentException($"A host name cannot be an IP literal ('{name}').", nameof(name));
        }

        if (_hostsByName.ContainsKey(name))
        {
            throw new ArgumentException($"The network already has a host named '{name}'.", nameof(name));
        }

        List<IPAddress> given = [];
        foreach (IPAddress? address in addresses)
        {
            if (address is null)
            {
                throw new ArgumentException("An address cannot be null.", nameof(addresses));
            }

            if (given.Contains(address) || FindHostByAddress(address) is not null)
            {
                throw new ArgumentException($"The address {address} is already used.", nameof(addresses));
            }

            given.Add(address);
        }

        if (given.Count == 0)
        {
            given.Add(AllocateAddress());
        }

        var host = new VirtualHost(name, given.AsReadOnly(), Options.FirstEphemeralPort);
        _hosts.Add(host);
        _hostsByName.Add(name, host);
        Record(NetworkEventKind.HostAdded, name, string.Empty, string.Join(",", given));
        return host;
    }

    /// <summary>Resolves a host name (or an IP literal) to its addresses, in the order they were given.</summary>
    /// <param name="hostNameOrAddress">A host name, or an IPv4/IPv6 literal (returned as is).</param>
    /// <returns>The addresses.</returns>
    /// <exception cref="SocketException">No host has that name (<see cref="SocketError.HostNotFound"/>).</exception>
    public IReadOnlyList<IPAddress> Resolve(string hostNameOrAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostNameOrAddress);
        if (IPAddress.TryParse(hostNameOrAddress, out IPAddress? literal))
        {
            return [literal];
        }

        return _hostsByName.TryGetValue(hostNameOrAddress, out VirtualHost? host)
            ? host.Addresses
            : throw new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Resolves like <see cref="Resolve"/>, returning a task (already complete: resolution takes no time).</summary>
    /// <param name="hostNameOrAddress">A host name or an IP literal.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The addresses, or a task faulted with <see cref="SocketError.HostNotFound"/>.</returns>
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostNameOrAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostNameOrAddress);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<IPAddress>>(cancellationToken);
        }

        try
        {
            return Task.FromResult(Resolve(hostNameOrAddress));
        }
        catch (SocketException e)
        {
            return Task.FromException<IReadOnlyList<IPAddress>>(e);
        }
    }

    private IPAddress AllocateAddress()
    {
        while (true)
        {
            uint n = _nextAutomaticAddress++;
            if (n >= 1u << 24)
            {
                throw new InvalidOperationException("No automatic address is left in 10.0.0.0/8.");
            }

            var address = new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
            if ((byte)n is not 0 and not 255 && FindHostByAddress(address) is null)
            {
                return address;
            }
        }
    }
}
