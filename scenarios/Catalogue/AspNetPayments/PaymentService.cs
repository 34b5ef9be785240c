using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SimLoop.AspNetCore.Hosting;
using SimLoop.Hosts;

namespace SimLoop.Scenarios.Catalogue.AspNetPayments;

/// <summary>
/// The payment service, an ASP.NET Core minimal-API app: <c>POST /charges</c> charges an order's card. Buggy: every
/// request is a new charge. Fixed: the <c>Idempotency-Key</c> header names the charge; a repeated key gets the
/// recorded answer and charges nothing.
/// </summary>
internal sealed class PaymentService(bool idempotent)
{
    public const string Host = "payments";
    public const string KeyHeader = "Idempotency-Key";

    private readonly Dictionary<string, int> _chargesByKey = new(StringComparer.Ordinal);

    public sealed record Charge(string OrderId, int Amount);

    /// <summary>Every charge made, in order (the card statement, which outlives the service's process).</summary>
    public List<Charge> Statement { get; } = new();

    public Task<SimulatedWebApplication> StartAsync(SimulatedHost host) => host.StartWebApplicationAsync(app =>
        app.MapPost("/charges", (Charge charge, HttpRequest request) =>
        {
            string? key = request.Headers[KeyHeader];
            if (idempotent && key is not null && _chargesByKey.TryGetValue(key, out int existing))
            {
                return Results.Ok(existing);
            }

            Statement.Add(charge);
            if (key is not null)
            {
                _chargesByKey[key] = Statement.Count;
            }

            return Results.Ok(Statement.Count);
        }));
}
