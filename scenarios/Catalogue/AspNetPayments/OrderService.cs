using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SimLoop.AspNetCore.Hosting;
using SimLoop.Hosts;

namespace SimLoop.Scenarios.Catalogue.AspNetPayments;

/// <summary>
/// The order service, an ASP.NET Core minimal-API app: <c>POST /orders</c> charges the payment service through a
/// Polly pipeline (a 100 ms timeout per attempt, up to 3 retries) on the simulation's clock. Buggy: each attempt is a
/// fresh request, so an attempt that timed out but reached the payment service is charged again. Fixed: every attempt
/// carries the order's idempotency key.
/// </summary>
internal static class OrderService
{
    public const string Host = "orders";

    public sealed record PlaceOrder(string OrderId, int Amount);

    public static Task<SimulatedWebApplication> StartAsync(SimulatedHost host, bool sendIdempotencyKey) => host.StartWebApplicationAsync(
        builder =>
        {
            builder.Services.AddSingleton(_ => host.CreateHttpClient(Timeout.InfiniteTimeSpan));
            builder.Services.AddSingleton(services => new ResiliencePipelineBuilder
            {
                TimeProvider = services.GetRequiredService<TimeProvider>(),
            }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    Delay = TimeSpan.FromMilliseconds(20),
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = false,
                    ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
                })
                .AddTimeout(TimeSpan.FromMilliseconds(100))
                .Build());
        },
        app => app.MapPost("/orders", async (PlaceOrder order, HttpClient payments, ResiliencePipeline pipeline, CancellationToken ct) =>
        {
            await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{PaymentService.Host}/charges"))
                {
                    Content = JsonContent.Create(new PaymentService.Charge(order.OrderId, order.Amount)),
                };
                if (sendIdempotencyKey)
                {
                    request.Headers.Add(PaymentService.KeyHeader, $"charge-{order.OrderId}");
                }

                using HttpResponseMessage response = await payments.SendAsync(request, token);
                response.EnsureSuccessStatusCode();
            }, ct);
            return Results.Ok(order.OrderId);
        }));
}
