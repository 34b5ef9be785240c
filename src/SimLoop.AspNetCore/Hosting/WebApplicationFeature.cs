using Microsoft.AspNetCore.Builder;
using SimLoop.Hosts;

namespace SimLoop.AspNetCore.Hosting;

/// <summary>
/// The web applications of one simulated host, by port: the delegates that build each one, and the running app. A
/// crash drops the apps abruptly (the host's connections are reset and its listeners gone with it; no graceful stop
/// runs); a restart rebuilds every app from its delegates in a host task of its own.
/// </summary>
internal sealed class WebApplicationFeature(SimulatedHost host) : IHostFeature
{
    private readonly List<SimulatedWebApplication> _apps = new();

    public SimulatedWebApplication? Find(int port) => _apps.Find(a => a.Port == port);

    public void Add(SimulatedWebApplication app) => _apps.Add(app);

    public void OnCrashed()
    {
        foreach (SimulatedWebApplication app in _apps)
        {
            app.Drop();
        }
    }

    public void OnRestarting()
    {
        // Spawned from the loop once the host is up again, so the rebuild runs as a task of the restarted host.
        host.Loop.CallSoon(static s =>
        {
            var feature = (WebApplicationFeature)s!;
            foreach (SimulatedWebApplication app in feature._apps)
            {
                feature.RestartOne(app);
            }
        }, this);
    }

    private void RestartOne(SimulatedWebApplication app)
    {
        if (host.IsUp)
        {
            host.Spawn(async _ => await app.BuildAndStartAsync(), $"web app :{app.Port} restart");
        }
    }
}
