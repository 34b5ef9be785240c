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
            using HttpClient http = client.CreateHttpClient();
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

    [Fact]
    public void CreateHttpClient_TimesOutInVirtualTime_AsHttpClientTimeoutDoes()
    {
        var loop = new SimulatedEventLoop();
        loop.AddHost("web", async (host, ct) => await (await host.StartServerAsync(
            async (stream, token) => await Task.Delay(Timeout.InfiniteTimeSpan, loop.TimeProvider, token), 80)).WaitClosedAsync());
        SimulatedHost client = loop.AddHost("client");
        (Exception error, TimeSpan at) = loop.RunUntilComplete(async ct => await client.Spawn(async c =>
        {
            using HttpClient http = client.CreateHttpClient(TimeSpan.FromSeconds(2));
            try
            {
                await http.GetStringAsync(new Uri("http://web/slow"), c);
                throw new InvalidOperationException("the request did not time out");
            }
            catch (TaskCanceledException e)
            {
                return ((Exception)e, loop.Clock.Elapsed);
            }
        }));
        error.InnerException.ShouldBeOfType<TimeoutException>(error.ToString());
        at.ShouldBe(TimeSpan.FromSeconds(2), tolerance: TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void CreateHttpClient_AcrossAPartition_FailsAsARealClientDoes()
    {
        var loop = new SimulatedEventLoop();
        loop.AddHost("web", async (host, ct) => await (await host.StartServerAsync(MiniHttpServer.HandleAsync, 80)).WaitClosedAsync());
        SimulatedHost client = loop.AddHost("client");
        loop.Network.Partition(["web"], ["client"]);
        Exception error = loop.RunUntilComplete(async ct => await client.Spawn(async c =>
        {
            using HttpClient http = client.CreateHttpClient(Timeout.InfiniteTimeSpan);
            try
            {
                await http.GetStringAsync(new Uri("http://web/"), c);
                throw new InvalidOperationException("the request went through a partition");
            }
            catch (HttpRequestException e)
            {
                return (Exception)e;
            }
        }));
        error.InnerException.ShouldBeOfType<System.Net.Sockets.SocketException>().SocketErrorCode.ShouldBe(System.Net.Sockets.SocketError.TimedOut);
    }
}
