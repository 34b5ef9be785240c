namespace SimLoop.Tests.RealLibraries.Races;

/// <summary>
/// A check-then-act race across an awaited call: one item in stock, two buyers each check the stock, await a call,
/// then take the item. Buyer B first makes one warm-up call, so in FIFO order buyer A's call completes (and A takes
/// the item) before B checks; only a reordering of steps that lets B's warm-up finish first makes both checks see
/// the item, and the stock goes negative.
/// </summary>
internal static class StockRace
{
    /// <summary>Runs the two buyers; each buyer runs in a task made by <paramref name="spawn"/> and awaits <paramref name="call"/>.</summary>
    /// <exception cref="InvalidOperationException">The item was sold twice.</exception>
    public static async Task RunAsync(Func<Func<CancellationToken, Task>, string, LoopTask> spawn, Func<string, CancellationToken, Task> call)
    {
        int stock = 1;
        var sold = new List<string>();
        LoopTask a = spawn(async ct =>
        {
            if (stock > 0)
            {
                await call("a-buy", ct);
                stock--;
                sold.Add("a");
            }
        }, "buyer a");
        LoopTask b = spawn(async ct =>
        {
            await call("b-warm-up", ct);
            if (stock > 0)
            {
                await call("b-buy", ct);
                stock--;
                sold.Add("b");
            }
        }, "buyer b");
        await a;
        await b;
        if (stock < 0)
        {
            throw new InvalidOperationException($"oversold: stock is {stock}, the item went to {string.Join(" and ", sold)}");
        }
    }
}
