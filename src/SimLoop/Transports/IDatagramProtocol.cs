using System.Net;

namespace SimLoop.Transports;

/// <summary>A datagram protocol (asyncio's <c>DatagramProtocol</c>).</summary>
public interface IDatagramProtocol : IBaseProtocol
{
    /// <summary>A datagram arrived from <paramref name="address"/>.</summary>
    /// <param name="data">The datagram.</param>
    /// <param name="address">The sender.</param>
    void DatagramReceived(ReadOnlySpan<byte> data, EndPoint address);

    /// <summary>A send or receive failed (for example an ICMP error).</summary>
    /// <param name="exception">The error.</param>
    void ErrorReceived(Exception exception)
    {
    }
}
