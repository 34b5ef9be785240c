using System.Text;
using Shouldly;
using SimLoop.AspNetCore.Tests.Hosting;
using SimLoop.Hosts;
using Xunit;

namespace SimLoop.AspNetCore.Tests.Server;

/// <summary>The HTTP/1.1 wire seen from a raw connection: framing, keep-alive, close, bad requests.</summary>
public sealed class SimulatedWebServerTests
{
    /// <summary>Sends <paramref name="request"/> on one raw connection and reads until the server closes it.</summary>
    private static string Exchange(string request)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = 7 });
        SimulatedHost web = loop.AddHost("web");
        SimulatedHost client = loop.AddHost("client");
        return loop.RunUntilComplete(async ct =>
        {
            await web.Spawn(async _ => await OrdersApp.StartAsync(web), "start web app");
            return await client.Spawn(async c =>
            {
                await using Stream stream = await client.OpenConnectionAsync("web", 80, c);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(request), c);
                using var reader = new StreamReader(stream, Encoding.ASCII);
                return await reader.ReadToEndAsync(c);
            }, "raw client");
        });
    }

    [Fact]
    public void TwoPipelinedRequests_ThenClose_AreAnsweredInOrder_AndTheServerCloses()
    {
        string answer = Exchange(
            "GET /hello/one HTTP/1.1\r\nHost: web\r\n\r\n" +
            "GET /hello/two HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n");
        answer.IndexOf("hello one", StringComparison.Ordinal).ShouldBeLessThan(answer.IndexOf("hello two", StringComparison.Ordinal));
        answer.ShouldStartWith("HTTP/1.1 200 OK\r\n");
        answer.ShouldContain("Content-Length: 9\r\n");
        answer.ShouldContain("Connection: close\r\n");
    }

    [Fact]
    public void ChunkedRequestBody_WithExtensionsAndTrailers_IsBound()
    {
        string body = "{\"item\":\"pie\",\"quantity\":4}";
        string chunked = $"{5:x};ext=1\r\n{body[..5]}\r\n{body.Length - 5:x}\r\n{body[5..]}\r\n0\r\nX-Trailer: t\r\n\r\n";
        string answer = Exchange($"POST /orders HTTP/1.1\r\nHost: web\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunked}");
        answer.ShouldStartWith("HTTP/1.1 200 OK\r\n");
        answer.ShouldContain("\"item\":\"pie\"");
        answer.ShouldContain("\"quantity\":4");
    }

    [Fact]
    public void Http10Request_WithoutKeepAlive_IsAnsweredAndClosed()
    {
        string answer = Exchange("GET /hello/old HTTP/1.0\r\n\r\n");
        answer.ShouldStartWith("HTTP/1.1 200 OK\r\n");
        answer.ShouldEndWith("hello old");
    }

    [Fact]
    public void GarbageRequestLine_IsA400_AndTheConnectionCloses()
    {
        string answer = Exchange("NONSENSE\r\n\r\n");
        answer.ShouldStartWith("HTTP/1.1 400 Bad Request\r\n");
        answer.ShouldContain("Connection: close\r\n");
    }

    [Fact]
    public void UnknownRoute_IsA404()
    {
        Exchange("GET /nowhere HTTP/1.1\r\nConnection: close\r\n\r\n").ShouldStartWith("HTTP/1.1 404 Not Found\r\n");
    }
}
