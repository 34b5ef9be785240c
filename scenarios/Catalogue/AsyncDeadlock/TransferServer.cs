using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.AsyncDeadlock;

/// <summary>
/// A transfer service: <c>MOVE from to amount</c> locks both accounts, reads and writes them through a store a
/// millisecond away, and answers <c>MOVED</c>. Buggy: it locks the source account first, so two opposite transfers
/// each hold one lock and wait for the other forever. Fixed: it locks accounts in name order.
/// </summary>
internal sealed class TransferServer(TimeProvider time, bool orderedLocks)
{
    public const string Host = "ledger";
    public const int Port = 9100;
    private static readonly TimeSpan s_storeRoundTrip = TimeSpan.FromMilliseconds(1);

    private readonly Dictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _balances = new(StringComparer.Ordinal) { ["alice"] = 100, ["bob"] = 100 };

    public int Total => _balances.Values.Sum();

    public void Start(SimulatedHost host)
    {
        foreach (string account in _balances.Keys)
        {
            _locks[account] = new SemaphoreSlim(1, 1);
        }

        host.ServeLines(Port, ServeAsync);
    }

    private async Task ServeAsync(LineStream connection, CancellationToken ct)
    {
        while (await connection.ReadLineAsync(ct) is { } request)
        {
            string[] parts = request.Split(' ');
            await TransferAsync(parts[1], parts[2], int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture), ct);
            await connection.WriteLineAsync("MOVED", ct);
        }
    }

    private async Task TransferAsync(string from, string to, int amount, CancellationToken ct)
    {
        (string first, string second) = orderedLocks && string.CompareOrdinal(from, to) > 0 ? (to, from) : (from, to);
        // WaitAsync() without a token: with one, SemaphoreSlim resumes the waiter on the thread pool.
        await _locks[first].WaitAsync();
        try
        {
            int debit = await ReadAsync(from, ct);
            await _locks[second].WaitAsync();
            try
            {
                int credit = await ReadAsync(to, ct);
                await Task.Delay(s_storeRoundTrip, time, ct);
                _balances[from] = debit - amount;
                _balances[to] = credit + amount;
            }
            finally
            {
                _locks[second].Release();
            }
        }
        finally
        {
            _locks[first].Release();
        }
    }

    private async Task<int> ReadAsync(string account, CancellationToken ct)
    {
        await Task.Delay(s_storeRoundTrip, time, ct);
        return _balances[account];
    }
}
