namespace SimLoop.Transports;

/// <summary>The base of every transport (asyncio's <c>BaseTransport</c>).</summary>
public interface IBaseTransport
{
    /// <summary>Whether the transport is closing or closed.</summary>
    bool IsClosing { get; }

    /// <summary>The protocol the transport delivers to; setting it switches protocols.</summary>
    IBaseProtocol Protocol { get; set; }

    /// <summary>Extra information: <c>"peername"</c>, <c>"sockname"</c>, <c>"socket"</c>; <paramref name="defaultValue"/> when unknown.</summary>
    /// <param name="name">The name.</param>
    /// <param name="defaultValue">What to return for an unknown name.</param>
    object? GetExtraInfo(string name, object? defaultValue = null);

    /// <summary>Closes the transport: buffered data is still sent, then <see cref="IBaseProtocol.ConnectionLost"/> runs with null.</summary>
    void Close();
}
