using SimLoop.Networking;
using SimLoop.Transports;

namespace SimLoop.Tests.Transports;

/// <summary>A simulated loop with hosts "server" and "client", for transport tests.</summary>
internal static class TwoHostLoop
{
    public static ConnectionOptions FromClient { get; } = new() { LocalHost = "client" };

    public static SimulatedEventLoop Create(VirtualNetworkOptions? options = null) => Create(new SimulationOptions(), options);

    public static SimulatedEventLoop Create(SimulationOptions simulation, VirtualNetworkOptions? options = null)
    {
        var loop = new SimulatedEventLoop(simulation);
        if (options is not null)
        {
            loop.ConfigureNetwork(options);
        }

        AddHosts(loop);
        return loop;
    }

    public static void AddHosts(SimulatedEventLoop loop)
    {
        loop.AddHost("server");
        loop.AddHost("client");
    }
}
