using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SimLoop.AspNetCore.Server;
using SimLoop.Hosts;

namespace SimLoop.AspNetCore.Hosting;

/// <summary>
/// A real ASP.NET Core <see cref="WebApplication"/> served on a <see cref="SimulatedHost"/>'s port (what
/// <see cref="SimulatedHostWebApplicationExtensions.StartWebApplicationAsync(SimulatedHost, Action{WebApplicationBuilder}?, Action{WebApplication}, int)"/>
/// returns). The host's crash drops the running app abruptly; its restart builds a new app from the same delegates.
/// </summary>
[DebuggerDisplay("SimulatedWebApplication {Host.Name}:{Port} boots={BootCount}")]
public sealed class SimulatedWebApplication
{
    private readonly Action<WebApplicationBuilder>? _configure;
    private readonly Action<WebApplication> _map;

    internal SimulatedWebApplication(SimulatedHost host, int port, Action<WebApplicationBuilder>? configure, Action<WebApplication> map)
    {
        Host = host;
        Port = port;
        _configure = configure;
        _map = map;
    }

    /// <summary>The simulated host the app runs on.</summary>
    public SimulatedHost Host { get; }

    /// <summary>The port the app listens on.</summary>
    public int Port { get; }

    /// <summary>The running app, or null while the host is crashed (or before a restart finished rebuilding it).</summary>
    public WebApplication? Current { get; private set; }

    /// <summary>The running app's services (its DI container).</summary>
    /// <exception cref="InvalidOperationException">The app is not running (its host is crashed).</exception>
    public IServiceProvider Services => Current?.Services
        ?? throw new InvalidOperationException($"The web application on {Host.Name}:{Port} is not running: restart its host first.");

    /// <summary>How many times the app was built and started (1 after the first start, +1 per host restart).</summary>
    public int BootCount { get; private set; }

    internal async Task BuildAndStartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = Host.Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddRouting();
        _configure?.Invoke(builder);

        // After the user's configuration, so the simulation's seams win: our server, virtual time, no process signals.
        builder.Services.RemoveAll<IServer>();
        builder.Services.AddSingleton<IServer>(new SimulatedWebServer(Host, Port));
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton(Host.Loop.TimeProvider);
        builder.Services.RemoveAll<IHostLifetime>();
        builder.Services.AddSingleton<IHostLifetime, SimulatedHostLifetime>();

        WebApplication app = builder.Build();
        _map(app);
        await app.StartAsync();
        Current = app;
        BootCount++;
    }

    internal void Drop() => Current = null;
}
