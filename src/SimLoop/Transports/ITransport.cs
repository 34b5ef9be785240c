namespace SimLoop.Transports;

/// <summary>A bidirectional stream transport (asyncio's <c>Transport</c>: read and write halves).</summary>
public interface ITransport : IBaseTransport
{
    /// <summary>Whether the transport delivers received data to the protocol.</summary>
    bool IsReading { get; }

    /// <summary>The number of bytes buffered for sending.</summary>
    int WriteBufferSize { get; }

    /// <summary>The low and high water marks of the write buffer.</summary>
    (int Low, int High) WriteBufferLimits { get; }

    /// <summary>Whether <see cref="WriteEof"/> is supported.</summary>
    bool CanWriteEof { get; }

    /// <summary>Stops delivering data to the protocol until <see cref="ResumeReading"/>.</summary>
    void PauseReading();

    /// <summary>Resumes delivering data.</summary>
    void ResumeReading();

    /// <summary>Buffers <paramref name="data"/> for sending; never blocks. The protocol's PauseWriting runs when the buffer passes the high mark.</summary>
    /// <param name="data">The bytes.</param>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Writes each buffer in turn.</summary>
    /// <param name="buffers">The buffers.</param>
    void WriteLines(IEnumerable<ReadOnlyMemory<byte>> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        foreach (ReadOnlyMemory<byte> buffer in buffers)
        {
            Write(buffer.Span);
        }
    }

    /// <summary>Closes the sending half after buffered data is sent (half-close).</summary>
    void WriteEof();

    /// <summary>Closes at once, dropping buffered data; the peer sees a reset.</summary>
    void Abort();

    /// <summary>Sets the write buffer's water marks (defaults: high 64 KiB, low high/4).</summary>
    /// <param name="high">The high mark; null for the default.</param>
    /// <param name="low">The low mark; null for high/4.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not high &gt;= low &gt;= 0.</exception>
    void SetWriteBufferLimits(int? high = null, int? low = null);
}
