using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.Scenarios.Catalogue.Wire;

/// <summary>
/// A line-protocol server as a listener loop spawned on its host: <c>host/accept</c> accepts connections and each
/// one is served by a host task of its own, <c>host/conn-N</c>. The host's crash cancels them all. Unlike
/// <see cref="SimulatedHost.StartServerAsync"/>, a connection is not closed when its handler ends: a session that
/// died on a bug leaves its client connected, as the catalogue's systems expect.
/// </summary>
internal static class LineServer
{
    /// <summary>Listens on <paramref name="port"/> of <paramref name="host"/> and serves every connection with <paramref name="serve"/>.</summary>
    public static void ServeLines(this SimulatedHost host, int port, Func<LineStream, CancellationToken, Task> serve)
    {
        VirtualListener listener = host.Loop.Network.Listen(host.Name, port);
        _ = host.Spawn(async ct =>
        {
            for (int n = 1; ; n++)
            {
                var connection = new LineStream(await listener.AcceptAsync(ct));
                _ = host.Spawn(t => serve(connection, t), $"conn-{n}");
            }
        }, "accept");
    }
}
