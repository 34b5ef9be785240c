namespace SimLoop.Transports;

/// <summary>A stream protocol (asyncio's <c>Protocol</c>).</summary>
public interface IProtocol : IBaseProtocol
{
    /// <summary>Bytes arrived. The span is valid only during the call.</summary>
    /// <param name="data">The bytes.</param>
    void DataReceived(ReadOnlySpan<byte> data);

    /// <summary>The peer closed its sending half. Return true to keep the transport open for writing (half-open).</summary>
    bool EofReceived() => false;
}
