using SimLoop.Networking;
using SimLoop.Transports;

namespace SimLoop.Tests.Transports;

/// <summary>A simulated loop with hosts "server" and "client", for transport tests.</summary>
internal static class TwoHostLoop
{
    public static ConnectionOptions FromClient { get; } = new() { LocalHost = "client" };

    public static SimulatedEventLoop Create(VirtualNetworkOptions? options = null)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { EscapeGracePeriod = TimeSpan.Zero });
        if (options is not null)
        {
            loop.ConfigureNetwork(options);
        }

        loop.AddHost("server");
        loop.AddHost("client");
        return loop;
    }
}
