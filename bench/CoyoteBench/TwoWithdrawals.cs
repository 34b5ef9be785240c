using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;

namespace CoyoteBench;

/// <summary>The README's check-then-act bug: two withdrawals check the balance, await the ledger, then debit.</summary>
public static class TwoWithdrawals
{
    /// <summary>The bug: the check and the debit are in different steps.</summary>
    [Test]
    public static async Task Buggy() => await RunAsync(fixedVersion: false);

    /// <summary>The fix: the debit happens in the same step as the check (no bug; every iteration runs).</summary>
    [Test]
    public static async Task Fixed() => await RunAsync(fixedVersion: true);

    private static async Task RunAsync(bool fixedVersion)
    {
        int balance = 100;
        async Task Withdraw(int amount)
        {
            await Task.Yield();
            if (balance < amount)
            {
                return; // check
            }

            if (fixedVersion)
            {
                balance -= amount;
                await Task.Delay(5); // the ledger call
                return;
            }

            await Task.Delay(5); // the ledger call
            balance -= amount;   // act
        }

        Task first = Task.Run(() => Withdraw(80));
        Task second = Task.Run(() => Withdraw(70));
        await first;
        await second;
        Specification.Assert(balance >= 0, $"overdrawn: balance is {balance}");
    }
}
