using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.AspNetCore.Server;

/// <summary>
/// An ASP.NET Core <see cref="IServer"/> on a <see cref="SimulatedHost"/>'s port: it listens through
/// <see cref="SimulatedHost.StartServerAsync"/>, and each connection is served on the loop by an HTTP/1.1 connection
/// (keep-alive, Content-Length and chunked bodies, <c>Connection: close</c>). No thread, no real timer.
/// </summary>
internal sealed class SimulatedWebServer : IServer
{
    private readonly SimulatedHost _host;
    private readonly int _port;
    private SimulatedServer? _server;
    private int _connections;

    public SimulatedWebServer(SimulatedHost host, int port)
    {
        _host = host;
        _port = port;
        var addresses = new ServerAddressesFeature();
        addresses.Addresses.Add(string.Create(CultureInfo.InvariantCulture, $"http://{host.Name}:{port}"));
        Features.Set<IServerAddressesFeature>(addresses);
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>The stream server while started.</summary>
    public SimulatedServer? StreamServer => _server;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        if (_server is not null)
        {
            throw new InvalidOperationException($"The web server on {_host.Name}:{_port} is already started.");
        }

        _server = await _host.StartServerAsync((stream, ct) =>
        {
            var virtualStream = stream as VirtualStream;
            string id = string.Create(CultureInfo.InvariantCulture, $"{_host.Name}:{_port}#{++_connections}");
            return new Http1Connection<TContext>(application, stream, virtualStream?.LocalEndPoint, virtualStream?.RemoteEndPoint, id).ServeAsync(ct);
        }, _port);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            server.Close();
            server.AbortConnections();
        }

        return Task.CompletedTask;
    }

    public void Dispose() => StopAsync(CancellationToken.None);
}
