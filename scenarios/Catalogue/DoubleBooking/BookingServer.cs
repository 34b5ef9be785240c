using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.DoubleBooking;

/// <summary>
/// A seat-booking service: clients send <c>BOOK seat client [promo]</c>; the server runs its validation rules (a promo
/// code costs one more rule evaluation), checks the seat map, writes an audit record and commits, then answers
/// <c>OK</c> or <c>TAKEN</c>. Everything after the request arrives happens at the same virtual instant.
/// </summary>
internal sealed class BookingServer(SeatInventory seats, bool holdFirst)
{
    public const int Port = 7400;

    public void Start(SimulatedHost host) => host.ServeLines(Port, ServeAsync);

    private async Task ServeAsync(LineStream connection, CancellationToken ct)
    {
        while (await connection.ReadLineAsync(ct) is { } request)
        {
            string[] parts = request.Split(' ');
            await ValidateAsync(parts.Length > 3 ? parts[3] : null);
            bool booked = holdFirst ? await BookHeldAsync(parts[1], parts[2]) : await BookAsync(parts[1], parts[2]);
            await connection.WriteLineAsync(booked ? "OK" : "TAKEN", ct);
        }
    }

    /// <summary>An asynchronous rules engine: one step per rule; a promo code adds one rule.</summary>
    private static async Task ValidateAsync(string? promo)
    {
        int rules = promo is null ? 0 : 1;
        for (int i = 0; i < rules; i++)
        {
            await Task.Yield();
        }
    }

    /// <summary>The bug: check, await the audit write, then commit; another request may pass the same check in between.</summary>
    private async Task<bool> BookAsync(string seat, string client)
    {
        if (!seats.IsFree(seat))
        {
            return false;
        }

        await seats.AppendAuditAsync($"{client} books {seat}");
        seats.Book(seat, client);
        return true;
    }

    /// <summary>The fix: hold the seat in the same step as the check, then audit.</summary>
    private async Task<bool> BookHeldAsync(string seat, string client)
    {
        if (!seats.TryHold(seat, client))
        {
            return false;
        }

        await seats.AppendAuditAsync($"{client} books {seat}");
        return true;
    }
}
