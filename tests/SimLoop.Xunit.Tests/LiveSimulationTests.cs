using Shouldly;
using SimLoop.Exploration;
using SimLoop.Hosts;
using SimLoop.Scenarios;
using SimLoop.Xunit;
using Xunit;

namespace SimLoop.Xunit.Tests;

/// <summary>Simulation tests that run in the suite as xunit discovers them: each explores its iterations and passes.</summary>
public sealed class LiveSimulationTests
{
    private static int s_factRuns;

    [SimulationFact(Iterations = 30, FailureFolder = "")]
    public async Task TwoWithdrawals_CheckAndDebitInOneStep_NeverOverdraw(SimulatedEventLoop loop, CancellationToken ct)
    {
        Interlocked.Increment(ref s_factRuns);
        int balance = 100;
        async Task Withdraw(int amount, int arrivesAfterMs)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(arrivesAfterMs), loop.TimeProvider, ct);
            if (balance < amount) return;
            balance -= amount;                                                      // debit with the check
            await Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, ct);  // then the ledger call
        }

        LoopTask first = loop.CreateTask(_ => Withdraw(80, 0)), second = loop.CreateTask(_ => Withdraw(70, 5));
        await first;
        await second;
        balance.ShouldBeGreaterThanOrEqualTo(0);
    }

    // README-BEGIN simulation-theory
    [SimulationTheory(Iterations = 10, Strategy = ExplorationStrategy.Random, FailureFolder = "")]
    [InlineData(80, 70)]
    [InlineData(10, 20)]
    public async Task Withdrawals_Theory_EachRowExplores(int first, int second, SimulatedEventLoop loop, CancellationToken ct)
    {
        int balance = 100;
        foreach (int amount in new[] { first, second })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct);
            if (balance >= amount)
            {
                balance -= amount;
            }
        }

        balance.ShouldBeInRange(0, 100);
    }
    // README-END simulation-theory

    [SimulationFact(Iterations = 5, FailureFolder = "")]
    public async Task ScenarioContext_IsBuiltFromTheLoop(ScenarioContext context, CancellationToken ct)
    {
        SimulatedHost host = context.Loop.AddHost("server");
        await Task.Delay(TimeSpan.FromMilliseconds(1), context.Time, ct);
        host.IsUp.ShouldBeTrue();
        context.Fixed.ShouldBeFalse();
    }
}
