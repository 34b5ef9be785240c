using System.Globalization;
using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.RetryDuplicate;

/// <summary>
/// An account server: <c>DEPOSIT id amount</c> adds to the balance and answers <c>DONE id balance</c>. Buggy: the id
/// only correlates replies, so a retried request is applied again. Fixed: ids are idempotency keys; a repeated id
/// gets the recorded answer and changes nothing.
/// </summary>
internal sealed class BankServer(bool idempotent)
{
    public const string Host = "bank";
    public const int Port = 8080;

    private readonly Dictionary<string, int> _applied = new(StringComparer.Ordinal);

    public int Balance { get; private set; }

    public void Start(SimulatedHost host) => host.ServeLines(Port, ServeAsync);

    private async Task ServeAsync(LineStream connection, CancellationToken ct)
    {
        try
        {
            while (await connection.ReadLineAsync(ct) is { } request)
            {
                string[] parts = request.Split(' ');
                string id = parts[1];
                if (!idempotent || !_applied.TryGetValue(id, out int balanceAfter))
                {
                    Balance += int.Parse(parts[2], CultureInfo.InvariantCulture);
                    balanceAfter = _applied[id] = Balance;
                }

                await connection.WriteLineAsync($"DONE {id} {balanceAfter}", ct);
            }
        }
        catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex))
        {
            // The client hung up.
        }
    }
}
