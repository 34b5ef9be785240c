using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.RetryDuplicate;

internal static class RetryDuplicateScenario
{
    private const int Deposits = 5;
    private const int Amount = 10;
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(80);

    [Scenario("retry-duplicate",
        Description = "A client retries deposits on timeout over a slow link; without idempotency keys a deposit is applied twice.",
        Budget = 100)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        SimulatedHost bankHost = ctx.Loop.AddHost(BankServer.Host);
        SimulatedHost teller = ctx.Loop.AddHost("teller");
        // A long-tailed link: usually 5 ms, now and then much slower.
        ctx.Network.SetLinkBothWays(teller.Name, BankServer.Host, new LinkSettings { Latency = LatencyModel.Exponential(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(150)) });
        var bank = new BankServer(idempotent: ctx.Fixed);
        bank.Start(bankHost);

        int confirmed = await teller.Spawn(t => DepositAsync(ctx, teller, t), "deposits");

        // Let late requests still in flight arrive before checking.
        await Task.Delay(TimeSpan.FromSeconds(1), ctx.Time, ct);
        InvariantViolationException.ThrowIfFalse(bank.Balance == confirmed * Amount,
            $"the teller made {confirmed} deposits of {Amount} but the balance is {bank.Balance}: a retried deposit was applied twice");
    }

    /// <summary>Each deposit: send, wait for the answer up to a timeout, resend with the same id until answered.</summary>
    private static async Task<int> DepositAsync(ScenarioContext ctx, SimulatedHost teller, CancellationToken ct)
    {
        var bank = new LineStream(await teller.OpenConnectionAsync(BankServer.Host, BankServer.Port, ct));
        var answers = new Dictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        _ = teller.Spawn(async t =>
        {
            while (await bank.ReadLineAsync(t) is { } reply)
            {
                if (answers.Remove(reply.Split(' ')[1], out TaskCompletionSource? waiting))
                {
                    waiting.SetResult();
                }
            }
        }, "replies");

        int confirmed = 0;
        for (int d = 1; d <= Deposits; d++)
        {
            string id = $"dep-{d}";
            var answered = new TaskCompletionSource();
            answers[id] = answered;
            while (!answered.Task.IsCompleted)
            {
                await bank.WriteLineAsync($"DEPOSIT {id} {Amount}", ct);
                try
                {
                    await answered.Task.WaitAsync(s_timeout, ctx.Time, ct);
                }
                catch (TimeoutException)
                {
                    // Slow answer or lost request: the teller cannot tell which, so it asks again.
                }
            }

            confirmed += answered.Task.IsCompleted ? 1 : 0;
        }

        return confirmed;
    }
}
