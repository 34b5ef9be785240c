using System.Net;

namespace SimLoop.Transports;

/// <summary>A datagram transport (asyncio's <c>DatagramTransport</c>).</summary>
public interface IDatagramTransport : IBaseTransport
{
    /// <summary>Sends one datagram to <paramref name="address"/>, or to the connected remote address when null.</summary>
    /// <param name="data">The datagram.</param>
    /// <param name="address">The destination.</param>
    void SendTo(ReadOnlySpan<byte> data, EndPoint? address = null);

    /// <summary>Closes at once.</summary>
    void Abort();
}
