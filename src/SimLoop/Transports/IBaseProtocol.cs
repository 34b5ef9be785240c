namespace SimLoop.Transports;

/// <summary>
/// The base of every protocol (asyncio's <c>BaseProtocol</c>). Call order: <see cref="ConnectionMade"/>, then data
/// callbacks, then <see cref="ConnectionLost"/> exactly once.
/// </summary>
public interface IBaseProtocol
{
    /// <summary>The connection is made; <paramref name="transport"/> is how to write and close.</summary>
    /// <param name="transport">The transport.</param>
    void ConnectionMade(IBaseTransport transport);

    /// <summary>The connection is lost: null for a normal close or EOF, otherwise the error.</summary>
    /// <param name="exception">The error, or null.</param>
    void ConnectionLost(Exception? exception);

    /// <summary>The transport's write buffer passed its high mark: stop writing until <see cref="ResumeWriting"/>.</summary>
    void PauseWriting()
    {
    }

    /// <summary>The write buffer drained to its low mark.</summary>
    void ResumeWriting()
    {
    }
}
