using SimLoop.Xunit;

namespace SimLoop.Xunit.Tests;

/// <summary>
/// The README's overdraft as a [SimulationFact]. It is EXPECTED to fail, so it is Explicit: a plain `dotnet test`
/// does not run it; <see cref="SimulationFactTests"/> runs it through the attribute's discoverer and runner and
/// checks the failure. To see the failure yourself: `dotnet test --filter "FullyQualifiedName~ReadmeOverdraft" -- xUnit.Explicit=only`
/// (or your runner's "run explicit tests").
/// </summary>
public sealed class ReadmeOverdraft
{
    // The README's TwoWithdrawals, unchanged, under the attribute (README.md and src/SimLoop.Xunit/README.md show it;
    // ReadmeSnippetTests checks both). Explicit because it is expected to fail; no failure files from the suite.
    [SimulationFact(Explicit = true, FailureFolder = "")]
    // README-BEGIN simulation-fact
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
    // README-END simulation-fact

    /// <summary>A passing exploration of 40 iterations, explicit too, so the tests can count its iterations.</summary>
    [SimulationFact(Explicit = true, Iterations = 40)]
    public static async Task SingleWithdrawal(SimulatedEventLoop loop, CancellationToken ct)
    {
        int balance = 100;
        await Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, ct);
        balance -= 80;
        if (balance < 0) throw new InvalidOperationException($"overdrawn: balance is {balance}");
    }
}
