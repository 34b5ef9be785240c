using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.DoubleBooking;

/// <summary>
/// Two fans try to book the last seat at the same moment; the second to connect has a promo code, whose validation
/// takes one more step. Its check then falls in the same loop iteration as the plain request's commit; in FIFO order
/// the commit runs first, so a plain test passes on every seed; only an interleaving lets both checks see the seat
/// free.
/// </summary>
internal static class DoubleBookingScenario
{
    private const string Seat = "row-1-seat-7";

    [Scenario("double-booking",
        Description = "Check-then-act seat booking; a plain (FIFO) run always passes, only an interleaving sells the last seat twice.",
        Budget = 100)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        ctx.Network.SetDefaultLink(new LinkSettings { Latency = LatencyModel.Fixed(TimeSpan.FromMilliseconds(1)) });
        SimulatedHost booking = ctx.Loop.AddHost("booking");
        var seats = new SeatInventory();
        new BookingServer(seats, holdFirst: ctx.Fixed).Start(booking);

        // Bob, who connects second, has the promo code; both send as soon as they are connected.
        const string promoFan = "bob";
        string[] fans = ["alice", "bob"];
        var replies = new Dictionary<string, string?>(StringComparer.Ordinal);
        var clients = new List<LoopTask>();
        foreach (string fan in fans)
        {
            SimulatedHost fanHost = ctx.Loop.AddHost(fan);
            string request = fan == promoFan ? $"BOOK {Seat} {fan} EARLYBIRD" : $"BOOK {Seat} {fan}";
            clients.Add(fanHost.Spawn(async t =>
            {
                await using VirtualStream stream = await fanHost.OpenConnectionAsync(booking.Name, BookingServer.Port, t);
                var connection = new LineStream(stream);
                await connection.WriteLineAsync(request, t);
                replies[fan] = await connection.ReadLineAsync(t);
            }, "book"));
        }

        foreach (LoopTask client in clients)
        {
            await client;
        }

        string[] told = fans.Where(f => replies[f] == "OK").ToArray();
        InvariantViolationException.ThrowIfFalse(told.Length == 1,
            $"double booking: {Seat} was sold to {string.Join(" and ", told)} (the seat map says {seats.HolderOf(Seat)})");
    }
}
