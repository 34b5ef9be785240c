using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using Shouldly;
using SimLoop.AspNetCore.Hosting;
using SimLoop.Hosts;
using Xunit;

namespace SimLoop.AspNetCore.Tests.Recipes;

/// <summary>The README's recipe: IHttpClientFactory with AddStandardResilienceHandler on the simulation's clock.</summary>
public sealed class StandardResilienceHandlerTests
{
    private static (Exception Error, TimeSpan Elapsed, int Attempts, string Hash) Run(ulong seed)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed });
        SimulatedHost web = loop.AddHost("web");
        SimulatedHost client = loop.AddHost("client");
        int attempts = 0;
        (Exception error, TimeSpan elapsed) = loop.RunUntilComplete(async ct =>
        {
            await web.Spawn(async _ => await web.StartWebApplicationAsync(app => app.MapGet("/slow", async (TimeProvider time, CancellationToken token) =>
            {
                attempts++;
                await Task.Delay(TimeSpan.FromMinutes(1), time, token);
                return "late";
            })));
            return await client.Spawn<(Exception, TimeSpan)>(async c =>
            {
                var services = new ServiceCollection();
                services.AddSingleton(loop.TimeProvider);
                services.AddHttpClient("web")
                    .ConfigurePrimaryHttpMessageHandler(() => client.CreateHttpHandler())
                    .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                    .AddStandardResilienceHandler(options =>
                    {
                        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
                        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                        options.Retry.MaxRetryAttempts = 2;
                        options.Retry.Delay = TimeSpan.FromSeconds(2);
                        options.Retry.UseJitter = false; // Polly's jitter draws from its own unseeded Random
                    });
                await using ServiceProvider provider = services.BuildServiceProvider();
                using HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("web");
                http.Timeout = Timeout.InfiniteTimeSpan; // HttpClient's own timeout is a real-time timer
                TimeSpan start = loop.Clock.Elapsed;
                try
                {
                    await http.GetStringAsync(new Uri("http://web/slow"), c);
                    throw new InvalidOperationException("the request did not time out");
                }
                catch (TimeoutRejectedException e)
                {
                    return (e, loop.Clock.Elapsed - start);
                }
            }, "client");
        });
        return (error, elapsed, attempts, loop.Trace.Hash());
    }

    [Fact]
    public void AddStandardResilienceHandler_OnTheLoopsClock_RetriesAndTimesOutInVirtualTime()
    {
        (Exception error, TimeSpan elapsed, int attempts, string hash) = Run(seed: 4);
        error.ShouldBeOfType<TimeoutRejectedException>();
        attempts.ShouldBe(3);
        // 1 s attempt, 2 s delay, 1 s attempt, 4 s delay (exponential), 1 s attempt.
        elapsed.ShouldBe(TimeSpan.FromSeconds(9), tolerance: TimeSpan.FromMilliseconds(100));
        Run(seed: 4).Hash.ShouldBe(hash);
    }
}
