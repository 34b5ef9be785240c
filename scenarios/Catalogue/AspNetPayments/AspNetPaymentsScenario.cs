using System.Net.Http.Json;
using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.Scenarios.Catalogue.AspNetPayments;

internal static class AspNetPaymentsScenario
{
    private const int Orders = 4;
    private const int Amount = 25;

    [Scenario("aspnet-payments",
        Description = "An ASP.NET Core order service charges an ASP.NET Core payment service through a Polly retry+timeout pipeline; without an idempotency key a retried charge is charged twice.",
        Budget = 100)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        SimulatedHost paymentsHost = ctx.Loop.AddHost(PaymentService.Host);
        SimulatedHost ordersHost = ctx.Loop.AddHost(OrderService.Host);
        SimulatedHost shop = ctx.Loop.AddHost("shop");
        // Between the services a long-tailed link: usually a few ms, now and then a latency spike past the timeout.
        ctx.Network.SetLinkBothWays(OrderService.Host, PaymentService.Host,
            new LinkSettings { Latency = LatencyModel.Exponential(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(240)) });
        var payments = new PaymentService(idempotent: ctx.Fixed);
        await paymentsHost.Spawn(async _ => await payments.StartAsync(paymentsHost), "start payments");
        await ordersHost.Spawn(async _ => await OrderService.StartAsync(ordersHost, sendIdempotencyKey: ctx.Fixed), "start orders");

        int placed = await shop.Spawn(async c =>
        {
            using HttpClient http = shop.CreateHttpClient(TimeSpan.FromSeconds(10));
            int ok = 0;
            for (int i = 1; i <= Orders; i++)
            {
                using HttpResponseMessage response = await http.PostAsJsonAsync(new Uri($"http://{OrderService.Host}/orders"), new OrderService.PlaceOrder($"order-{i}", Amount), c);
                ok += response.IsSuccessStatusCode ? 1 : 0;
            }

            return ok;
        }, "shopper");

        // Let attempts still in flight arrive before reading the statement.
        await Task.Delay(TimeSpan.FromSeconds(1), ctx.Time, ct);
        foreach (IGrouping<string, PaymentService.Charge> charges in payments.Statement.GroupBy(c => c.OrderId, StringComparer.Ordinal))
        {
            InvariantViolationException.ThrowIfFalse(charges.Count() == 1,
                $"{charges.Key} was charged {charges.Count()} times ({placed} orders placed): a retried charge after a timeout charged the card again");
        }
    }
}
