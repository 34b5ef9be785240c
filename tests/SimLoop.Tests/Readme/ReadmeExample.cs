#pragma warning disable IDE0011, SA1503 // The README shows this code as it is written here.
namespace SimLoop.Tests.Readme;

internal static class ReadmeExample
{
    // README-BEGIN
    // Two withdrawals race on one account: check the balance, await the ledger, then debit.
    public static async Task TwoWithdrawals(SimulatedEventLoop loop, CancellationToken ct)
    {
        int balance = 100;
        async Task Withdraw(int amount, int arrivesAfterMs)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(arrivesAfterMs), loop.TimeProvider, ct);
            if (balance < amount) return;                                           // check
            await Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, ct);  // the ledger call
            balance -= amount;                                                      // act
        }

        LoopTask first = loop.CreateTask(_ => Withdraw(80, 0)), second = loop.CreateTask(_ => Withdraw(70, 5));
        await first;
        await second;
        if (balance < 0) throw new InvalidOperationException($"overdrawn: balance is {balance}");
    }
    // README-END
}
