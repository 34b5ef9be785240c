using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SimLoop.Hosts;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// A Polly v8 retry + circuit-breaker + timeout pipeline with default options (only the TimeProvider is the loop's)
/// around calls to a server on another host. The server fails every third request and stalls every fifth one past
/// the 30 s default timeout, so both retries and timeouts happen. Polly awaits the callback with
/// <c>ConfigureAwait(false)</c>: every such hop is adopted thread-pool work.
/// </summary>
internal static class PollyPipelineCase
{
    public const int Port = 7000;

    public static RealLibraryCase Case { get; } = new(
        "polly",
        RunAsync,
        "replies=[ok 0 #0,ok 1 #3,ok 2 #5,ok 3 #6] requests=7 failed=2 stalled=1 timeouts=1 elapsed=00:00:36.0240000");

    /// <summary>The pipeline as a user writes it: default options, the loop's TimeProvider.</summary>
    public static ResiliencePipeline CreatePipeline(SimulatedEventLoop loop, Action? onTimeout = null) =>
        new ResiliencePipelineBuilder { TimeProvider = loop.TimeProvider }
            .AddRetry(new RetryStrategyOptions())
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions())
            .AddTimeout(new TimeoutStrategyOptions { OnTimeout = _ => { onTimeout?.Invoke(); return default; } })
            .Build();

    private static async Task<string> RunAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var server = new FlakyServer(loop);
        loop.AddHost("backend", async (host, _) => await (await host.StartServerAsync(server.HandleAsync, Port)).WaitClosedAsync());
        SimulatedHost frontend = loop.AddHost("frontend");
        return await frontend.Spawn(async ct =>
        {
            int timeouts = 0;
            ResiliencePipeline pipeline = CreatePipeline(loop, () => timeouts++);
            var replies = new List<string>();
            for (int i = 0; i < 4; i++)
            {
                string request = i.ToString(CultureInfo.InvariantCulture);
                replies.Add(await pipeline.ExecuteAsync(
                    async token =>
                    {
                        string reply = await LineProtocol.CallAsync(frontend, "backend", Port, request, token);
                        return reply.StartsWith("ok", StringComparison.Ordinal) ? reply : throw new InvalidOperationException($"the backend said '{reply}'");
                    },
                    ct));
            }

            return string.Create(CultureInfo.InvariantCulture, $"replies=[{string.Join(",", replies)}] requests={server.Requests} failed={server.Failed} stalled={server.Stalled} timeouts={timeouts} elapsed={loop.Clock.Elapsed}");
        }, "caller");
    }

    /// <summary>Fails every third request, stalls every fifth past the timeout, answers the rest.</summary>
    private sealed class FlakyServer(SimulatedEventLoop loop)
    {
        public int Requests { get; private set; }

        public int Failed { get; private set; }

        public int Stalled { get; private set; }

        public Task HandleAsync(Stream stream, CancellationToken cancellationToken) =>
            LineProtocol.ServeAsync(stream, ReplyAsync, cancellationToken);

        private async Task<string?> ReplyAsync(string request, CancellationToken cancellationToken)
        {
            int n = Requests++;
            if (n % 3 == 1)
            {
                Failed++;
                return "error: try again";
            }

            if (n % 5 == 2)
            {
                Stalled++;
                await Task.Delay(TimeSpan.FromSeconds(45), loop.TimeProvider, cancellationToken);
            }

            return string.Create(CultureInfo.InvariantCulture, $"ok {request} #{n}");
        }
    }
}
