using System.Globalization;
using SimLoop.Hosts;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// <see cref="HttpClient"/> over <see cref="SocketsHttpHandler"/>, connected through <c>ConnectCallback</c> to a
/// server on a simulated host: GETs and a POST on one pooled keep-alive connection. The handler's own timers (pool
/// scavenging, connect and drain timeouts) are real-time, so they are turned off here.
/// </summary>
internal static class HttpClientCase
{
    public const int Port = 80;

    public static RealLibraryCase Case { get; } = new(
        "httpclient",
        RunAsync,
        "bodies=[GET /hello |POST /echo payload|GET /again ] connections=1");

    /// <summary>A client for <paramref name="host"/>'s connections, as a user configures it for a simulation.</summary>
    public static HttpClient CreateClient(SimulatedHost host)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) => await host.OpenConnectionAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, token),
            UseProxy = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            ResponseDrainTimeout = Timeout.InfiniteTimeSpan,
            Expect100ContinueTimeout = TimeSpan.Zero,
        };
        return new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = new Version(1, 1),
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Adds the web host serving <see cref="KeepAliveHttpServer"/>; <paramref name="onConnection"/> counts connections.</summary>
    public static void AddWebHost(SimulatedEventLoop loop, Action onConnection) =>
        loop.AddHost("web", async (host, _) => await (await host.StartServerAsync(
            (stream, token) => { onConnection(); return KeepAliveHttpServer.HandleAsync(stream, token); }, Port)).WaitClosedAsync());

    private static async Task<string> RunAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        int connections = 0;
        AddWebHost(loop, () => connections++);
        SimulatedHost client = loop.AddHost("client");
        return await client.Spawn(async ct =>
        {
            using HttpClient http = CreateClient(client);
            var bodies = new List<string> { await http.GetStringAsync(new Uri("http://web/hello"), ct) };
            using (HttpResponseMessage post = await http.PostAsync(new Uri("http://web/echo"), new StringContent("payload"), ct))
            {
                bodies.Add(await post.Content.ReadAsStringAsync(ct));
            }

            bodies.Add(await http.GetStringAsync(new Uri("http://web/again"), ct));
            return string.Create(CultureInfo.InvariantCulture, $"bodies=[{string.Join("|", bodies)}] connections={connections}");
        }, "http client");
    }
}
