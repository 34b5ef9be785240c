namespace SimLoop.Transports;

/// <summary>A stream protocol that supplies its own receive buffer (asyncio's <c>BufferedProtocol</c>).</summary>
public interface IBufferedProtocol : IBaseProtocol
{
    /// <summary>Returns a buffer to receive into, of at least one byte.</summary>
    /// <param name="sizeHint">The suggested size; -1 when unknown.</param>
    Memory<byte> GetBuffer(int sizeHint);

    /// <summary><paramref name="bytesWritten"/> bytes were written into the buffer from <see cref="GetBuffer"/>.</summary>
    /// <param name="bytesWritten">How many.</param>
    void BufferUpdated(int bytesWritten);

    /// <summary>The peer closed its sending half. Return true to keep the transport open for writing.</summary>
    bool EofReceived() => false;
}
