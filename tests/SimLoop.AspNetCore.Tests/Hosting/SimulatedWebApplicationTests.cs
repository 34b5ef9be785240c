using System.Net;
using System.Net.Http.Json;
using System.Text;
using Shouldly;
using SimLoop.AspNetCore.Hosting;
using SimLoop.Hosts;
using Xunit;
using static SimLoop.AspNetCore.Tests.Hosting.OrdersApp;

namespace SimLoop.AspNetCore.Tests.Hosting;

public sealed class SimulatedWebApplicationTests
{
    private static T Run<T>(Func<SimulatedEventLoop, SimulatedHost, SimulatedHost, CancellationToken, Task<T>> body, ulong seed = 1)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed });
        SimulatedHost web = loop.AddHost("web");
        SimulatedHost client = loop.AddHost("client");
        return loop.RunUntilComplete(async ct =>
        {
            await web.Spawn(async _ => await StartAsync(web), "start web app");
            return await client.Spawn(c => body(loop, web, client, c), "client");
        });
    }

    [Fact]
    public void Get_ThroughMinimalApiAndMiddleware_ReturnsTheBodyAndHeaders()
    {
        (string body, string servedBy, HttpStatusCode status) = Run(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient();
            using HttpResponseMessage response = await http.GetAsync(new Uri("http://web/hello/ada"), ct);
            return (await response.Content.ReadAsStringAsync(ct), string.Join(",", response.Headers.GetValues("X-Served-By")), response.StatusCode);
        });
        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldBe("hello ada");
        servedBy.ShouldBe("web");
    }

    [Fact]
    public void PostJson_BindsTheBody_AndKeepsTheConnectionAlive()
    {
        (Receipt first, Receipt second, int count) = Run(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient();
            using HttpResponseMessage a = await http.PostAsJsonAsync(new Uri("http://web/orders"), new Order("tea", 2), ct);
            using HttpResponseMessage b = await http.PostAsJsonAsync(new Uri("http://web/orders"), new Order("jam", 1), ct);
            int n = await http.GetFromJsonAsync<int>(new Uri("http://web/orders/count"), ct);
            return ((await a.Content.ReadFromJsonAsync<Receipt>(ct))!, (await b.Content.ReadFromJsonAsync<Receipt>(ct))!, n);
        });
        first.ShouldBe(first with { Id = 1, Item = "tea", Quantity = 2 });
        second.ShouldBe(second with { Id = 2, Item = "jam", Quantity = 1 });
        count.ShouldBe(2);
    }

    [Fact]
    public void PostChunkedJson_IsReadWhole()
    {
        Receipt receipt = Run(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient();
            using var content = new StringContent("{\"item\":\"cake\",\"quantity\":3}", Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("http://web/orders")) { Content = content };
            request.Headers.TransferEncodingChunked = true;
            using HttpResponseMessage response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<Receipt>(ct))!;
        });
        receipt.Item.ShouldBe("cake");
        receipt.Quantity.ShouldBe(3);
    }

    [Fact]
    public void TimeProvider_InTheApp_IsTheLoopsVirtualClock()
    {
        (long appNow, long loopNow) = Run(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient();
            string now = await http.GetStringAsync(new Uri("http://web/time"), ct);
            return (long.Parse(now, System.Globalization.CultureInfo.InvariantCulture), loop.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        });
        (loopNow - appNow).ShouldBeInRange(0, 1000);
        Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - appNow).ShouldBeGreaterThan(0); // an epoch, not the wall clock
    }

    [Fact]
    public void UnhandledException_InTheApp_IsA500_AndTheConnectionGoesOn()
    {
        (HttpStatusCode status, string after) = Run(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient();
            using HttpResponseMessage failed = await http.GetAsync(new Uri("http://web/fail"), ct);
            return (failed.StatusCode, await http.GetStringAsync(new Uri("http://web/hello/bob"), ct));
        });
        status.ShouldBe(HttpStatusCode.InternalServerError);
        after.ShouldBe("hello bob");
    }

    [Fact]
    public void HttpContextAbort_ResetsTheConnection_AndTheClientSeesHttpRequestException()
    {
        (Exception error, string after) = Run<(Exception, string)>(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient();
            Exception e = await Should.ThrowAsync<HttpRequestException>(http.GetStringAsync(new Uri("http://web/abort"), ct));
            return (e, await http.GetStringAsync(new Uri("http://web/hello/again"), ct));
        });
        error.ShouldBeOfType<HttpRequestException>();
        after.ShouldBe("hello again"); // the next request opens a new connection
    }

    [Fact]
    public void SlowEndpoint_WaitsInVirtualTime_AndTheClientTimesOutAsHttpClientDoes()
    {
        (Exception error, TimeSpan at) = Run<(Exception, TimeSpan)>(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient(TimeSpan.FromSeconds(2));
            TimeSpan start = loop.Clock.Elapsed;
            try
            {
                await http.GetStringAsync(new Uri("http://web/slow"), ct);
                throw new InvalidOperationException("the request did not time out");
            }
            catch (TaskCanceledException e)
            {
                return (e, loop.Clock.Elapsed - start);
            }
        });
        error.InnerException.ShouldBeOfType<TimeoutException>();
        at.ShouldBe(TimeSpan.FromSeconds(2), tolerance: TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Partition_BetweenClientAndApp_FailsAsARealClientDoes()
    {
        Exception error = Run<Exception>(async (loop, web, client, ct) =>
        {
            loop.Network.Partition(["web"], ["client"]);
            using HttpClient http = client.CreateHttpClient(Timeout.InfiniteTimeSpan);
            try
            {
                await http.GetStringAsync(new Uri("http://web/hello/x"), ct);
                throw new InvalidOperationException("the request went through a partition");
            }
            catch (HttpRequestException e)
            {
                return e;
            }
        });
        error.InnerException.ShouldBeOfType<System.Net.Sockets.SocketException>().SocketErrorCode.ShouldBe(System.Net.Sockets.SocketError.TimedOut);
    }

    [Fact]
    public void Crash_ResetsTheClientsConnection_AndRestart_RebuildsTheAppWithFreshState()
    {
        (Exception duringCrash, int countAfterRestart, int boots) = Run<(Exception, int, int)>(async (loop, web, client, ct) =>
        {
            using HttpClient http = client.CreateHttpClient(TimeSpan.FromSeconds(5));
            (await http.PostAsJsonAsync(new Uri("http://web/orders"), new Order("tea", 1), ct)).EnsureSuccessStatusCode();
            var slow = http.GetStringAsync(new Uri("http://web/slow"), ct);
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            web.Crash();
            Exception crashError = await Should.ThrowAsync<HttpRequestException>(slow);
            web.Restart();
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            int count = await http.GetFromJsonAsync<int>(new Uri("http://web/orders/count"), ct);
            return (crashError, count, web.BootCount);
        });
        duringCrash.ShouldBeOfType<HttpRequestException>();
        countAfterRestart.ShouldBe(0); // the order book was in the crashed process's memory
        boots.ShouldBe(2);
    }

    [Fact]
    public void StartWebApplicationAsync_TwiceOnOnePort_ThrowsNamingThePort()
    {
        string message = Run(async (loop, web, client, ct) =>
        {
            var error = await Should.ThrowAsync<InvalidOperationException>(web.Spawn(async _ => await OrdersApp.StartAsync(web)).AsTask());
            return error.Message;
        });
        message.ShouldContain("port 80");
    }
}
