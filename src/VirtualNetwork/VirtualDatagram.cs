using System.Net;

namespace SimLoop.Networking;

/// <summary>A received datagram.</summary>
/// <param name="Data">The payload.</param>
/// <param name="RemoteEndPoint">The sender's address and port.</param>
public readonly record struct VirtualDatagram(ReadOnlyMemory<byte> Data, IPEndPoint RemoteEndPoint);
