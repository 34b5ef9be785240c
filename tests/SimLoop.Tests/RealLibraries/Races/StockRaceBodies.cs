using SimLoop.Tests.RealLibraries.Cases;
using Polly;
using SimLoop.Hosts;

namespace SimLoop.Tests.RealLibraries.Races;

/// <summary>The <see cref="StockRace"/> with its awaited call made through each real library.</summary>
internal static class StockRaceBodies
{
    /// <summary>The call is a Polly v8 pipeline (default options) around a request to a server on another host.</summary>
    public static async Task PollyAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        loop.AddHost("backend", async (host, _) => await (await host.StartServerAsync(
            (stream, ct) => LineProtocol.ServeAsync(stream, (line, _) => Task.FromResult<string?>("ok " + line), ct), PollyPipelineCase.Port)).WaitClosedAsync());
        SimulatedHost shop = loop.AddHost("shop");
        ResiliencePipeline pipeline = PollyPipelineCase.CreatePipeline(loop);
        await shop.Spawn(ct => StockRace.RunAsync(
            shop.Spawn,
            async (what, token) => await pipeline.ExecuteAsync(async t => await LineProtocol.CallAsync(shop, "backend", PollyPipelineCase.Port, what, t), token)), "shop");
    }

    /// <summary>The call is a request to a loop task answered through <c>SemaphoreSlim.WaitAsync(token)</c> hand-offs.</summary>
    public static async Task SemaphoreAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var service = new SemaphoreService(loop);
        LoopTask server = loop.CreateTask(service.ServeAsync, "server");
        await StockRace.RunAsync((body, name) => loop.CreateTask(body, name), (what, ct) => service.CallAsync(what, useTimeout: false, ct));
        service.Stop();
        await server;
    }

    /// <summary>The call is a request on a channel that a loop task drains with <c>ReadAllAsync</c>.</summary>
    public static async Task ChannelAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var service = new ChannelService(loop, capacity: 2);
        LoopTask server = loop.CreateTask(service.ServeAsync, "server");
        await StockRace.RunAsync((body, name) => loop.CreateTask(body, name), (what, ct) => service.CallAsync(what.Length, ct));
        service.Complete();
        await server;
    }

    /// <summary>The call is an <see cref="HttpClient"/> GET over <see cref="SocketsHttpHandler"/> to a server on another host.</summary>
    public static async Task HttpClientAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        HttpClientCase.AddWebHost(loop, () => { });
        SimulatedHost shop = loop.AddHost("shop");
        await shop.Spawn(async ct =>
        {
            using HttpClient http = HttpClientCase.CreateClient(shop);
            await StockRace.RunAsync(shop.Spawn, async (what, token) => await http.GetStringAsync(new Uri("http://web/" + what), token));
        }, "shop");
    }
}
