using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SimLoop.AspNetCore.Hosting;
using SimLoop.Hosts;

namespace SimLoop.AspNetCore.Tests.Hosting;

/// <summary>A minimal-API app for the tests: GET text, POST JSON, a middleware, DI, the virtual clock.</summary>
internal static class OrdersApp
{
    public sealed record Order(string Item, int Quantity);

    public sealed record Receipt(int Id, string Item, int Quantity, long At);

    public sealed class OrderBook
    {
        public List<Order> Orders { get; } = new();
    }

    public static Task<SimulatedWebApplication> StartAsync(SimulatedHost host) => host.StartWebApplicationAsync(
        builder => builder.Services.AddSingleton<OrderBook>(),
        app =>
        {
            app.Use(async (context, next) =>
            {
                context.Response.Headers["X-Served-By"] = SimulatedHost.RequiredCurrent.Name;
                await next(context);
            });
            app.MapGet("/hello/{name}", (string name) => $"hello {name}");
            app.MapGet("/time", (TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            app.MapPost("/orders", (Order order, OrderBook book, TimeProvider time) =>
            {
                book.Orders.Add(order);
                return Results.Json(new Receipt(book.Orders.Count, order.Item, order.Quantity, time.GetUtcNow().ToUnixTimeMilliseconds()));
            });
            app.MapGet("/orders/count", (OrderBook book) => book.Orders.Count);
            app.MapGet("/slow", async (TimeProvider time, CancellationToken ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10), time, ct);
                return "slow";
            });
            app.MapGet("/fail", string () => throw new InvalidOperationException("boom"));
            app.MapGet("/abort", (HttpContext context) => context.Abort());
        });
}
