using Shouldly;
using SimLoop.Hosts;
using SimLoop.Tests.Hosts.Systems;
using Xunit;

namespace SimLoop.Tests.Hosts;

public sealed class HttpClientTests
{
    private static (string Hash, List<string> Bodies) Run(ulong seed)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, EscapeGracePeriod = TimeSpan.FromMilliseconds(200) });
        loop.AddHost("web", async (host, ct) => await (await host.StartServerAsync(MiniHttpServer.HandleAsync, 80)).WaitClosedAsync());
        SimulatedHost client = loop.AddHost("client");
        var bodies = new List<string>();
        loop.RunUntilComplete(async ct => await client.Spawn(async c =>
        {
            using HttpClient http = SimulatedHost.RequiredCurrent.CreateHttpClient();
            bodies.Add(await http.GetStringAsync(new Uri("http://web/hello"), c));
            using var post = await http.PostAsync(new Uri("http://web/echo"), new StringContent("payload"), c);
            bodies.Add(await post.Content.ReadAsStringAsync(c));
            bodies.Add(await http.GetStringAsync(new Uri("http://web/again"), c));
        }, "http client"));
        return (loop.Trace.Hash(), bodies);
    }

    [Fact]
    public void HttpClient_TalksToAStreamServer_OnTheLoop_Deterministically()
    {
        var (hash, bodies) = Run(seed: 3);
        bodies.ShouldBe(["GET /hello ", "POST /echo payload", "GET /again "]);
        Run(seed: 3).Hash.ShouldBe(hash);
        Run(seed: 3).Hash.ShouldBe(hash);
    }

    private static (string Hash, List<string> Bodies, int Connections) RunSocketsHttpHandler(ulong seed)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed });
        int connections = 0;
        loop.AddHost("web", async (host, ct) => await (await host.StartServerAsync(
            (stream, token) => { connections++; return MiniHttpServer.HandleAsync(stream, token); }, 80)).WaitClosedAsync());
        SimulatedHost client = loop.AddHost("client");
        var bodies = new List<string>();
        loop.RunUntilComplete(async ct => await client.Spawn(async c =>
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, token) => await client.OpenConnectionAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, token),
                UseProxy = false,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                ConnectTimeout = Timeout.InfiniteTimeSpan,
                ResponseDrainTimeout = Timeout.InfiniteTimeSpan,
                Expect100ContinueTimeout = TimeSpan.Zero,
            };
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, DefaultRequestVersion = new Version(1, 1), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            bodies.Add(await http.GetStringAsync(new Uri("http://web/hello"), c));
            using var post = await http.PostAsync(new Uri("http://web/echo"), new StringContent("payload"), c);
            bodies.Add(await post.Content.ReadAsStringAsync(c));
            bodies.Add(await http.GetStringAsync(new Uri("http://web/again"), c));
        }));
        return (loop.Trace.Hash(), bodies, connections);
    }

    [Fact]
    public void SocketsHttpHandler_OverTheSimulatedNetwork_KeepsItsConnectionAlive_Deterministically()
    {
        var (hash, bodies, connections) = RunSocketsHttpHandler(seed: 3);
        bodies.ShouldBe(["GET /hello ", "POST /echo payload", "GET /again "]);
        connections.ShouldBe(1);
        for (int run = 0; run < 20; run++)
        {
            RunSocketsHttpHandler(seed: 3).Hash.ShouldBe(hash);
        }
    }
}
