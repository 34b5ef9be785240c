using System.Net;
using System.Net.Sockets;

namespace SimLoop.Transports;

/// <summary>Options for <see cref="BaseEventLoop.CreateConnectionAsync{TProtocol}"/>.</summary>
public sealed class ConnectionOptions
{
    /// <summary>Only addresses of this family are tried; <see cref="AddressFamily.Unspecified"/> for all.</summary>
    public AddressFamily Family { get; init; } = AddressFamily.Unspecified;

    /// <summary>The local address (and port) to connect from, or null for any. A simulated loop also accepts a host name here.</summary>
    public EndPoint? LocalEndPoint { get; init; }

    /// <summary>The name of the local host to connect from (simulated networks with several hosts); null for the loop's default host.</summary>
    public string? LocalHost { get; init; }
}
