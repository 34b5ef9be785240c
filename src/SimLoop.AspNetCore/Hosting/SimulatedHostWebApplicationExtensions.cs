using Microsoft.AspNetCore.Builder;
using SimLoop.Hosts;

namespace SimLoop.AspNetCore.Hosting;

/// <summary>Serving real ASP.NET Core apps from a <see cref="SimulatedHost"/>.</summary>
public static class SimulatedHostWebApplicationExtensions
{
    /// <summary>
    /// Builds a <see cref="WebApplication"/> (<see cref="WebApplication.CreateEmptyBuilder"/> plus routing), lets
    /// <paramref name="configure"/> add services, lets <paramref name="map"/> add middleware and endpoints, and starts
    /// it on <paramref name="port"/> of <paramref name="host"/> with the simulation's server (HTTP/1.1 over the
    /// virtual network) and the loop's <see cref="TimeProvider"/> in DI. When the host crashes the app stops abruptly
    /// (clients see their connections reset); when it restarts the app is built again from the same delegates.
    /// Call it once per host and port, from a task on the loop, and not from the host's start function (the restart
    /// already rebuilds the app).
    /// </summary>
    /// <param name="host">The simulated host.</param>
    /// <param name="configure">Configures the builder (services, configuration, logging), or null.</param>
    /// <param name="map">Maps the app's middleware and endpoints.</param>
    /// <param name="port">The port to listen on.</param>
    /// <returns>The started app's handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> or <paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not in 1..65535.</exception>
    /// <exception cref="InvalidOperationException">The host already serves a web application on that port.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The port is in use, or the host is down.</exception>
    public static async Task<SimulatedWebApplication> StartWebApplicationAsync(this SimulatedHost host, Action<WebApplicationBuilder>? configure, Action<WebApplication> map, int port = 80)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        WebApplicationFeature feature = host.GetFeature(static h => new WebApplicationFeature(h));
        if (feature.Find(port) is not null)
        {
            throw new InvalidOperationException(
                $"The host '{host.Name}' already serves a web application on port {port}: a restart rebuilds it from its delegates, so start it once (not from the host's start function).");
        }

        var app = new SimulatedWebApplication(host, port, configure, map);
        await app.BuildAndStartAsync();
        feature.Add(app);
        return app;
    }

    /// <summary>Like <see cref="StartWebApplicationAsync(SimulatedHost, Action{WebApplicationBuilder}?, Action{WebApplication}, int)"/>, with no builder configuration.</summary>
    /// <param name="host">The simulated host.</param>
    /// <param name="map">Maps the app's middleware and endpoints.</param>
    /// <param name="port">The port to listen on.</param>
    /// <returns>The started app's handle.</returns>
    public static Task<SimulatedWebApplication> StartWebApplicationAsync(this SimulatedHost host, Action<WebApplication> map, int port = 80)
        => host.StartWebApplicationAsync(null, map, port);
}
