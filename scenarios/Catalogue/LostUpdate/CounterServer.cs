using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.LostUpdate;

/// <summary>
/// A counter service: clients send <c>INC key</c> lines, the server answers <c>OK value</c>. Each connection has
/// its own handler task, and a handler increments by reading the counter from the store and writing it back.
/// </summary>
internal sealed class CounterServer(CounterStore store, bool serialisePerKey)
{
    public const int Port = 7000;

    private readonly Dictionary<string, SemaphoreSlim> _keyLocks = new(StringComparer.Ordinal);

    public void Start(SimulatedHost host) => host.ServeLines(Port, ServeAsync);

    private async Task ServeAsync(LineStream connection, CancellationToken ct)
    {
        while (await connection.ReadLineAsync(ct) is { } request)
        {
            string key = request["INC ".Length..];
            int value = serialisePerKey ? await IncrementSeriallyAsync(key, ct) : await IncrementAsync(key, ct);
            await connection.WriteLineAsync($"OK {value}", ct);
        }
    }

    /// <summary>The bug: read, then write back, with other handlers free to run in between.</summary>
    private async Task<int> IncrementAsync(string key, CancellationToken ct)
    {
        int value = await store.ReadAsync(key, ct);
        await store.WriteAsync(key, value + 1, ct);
        return value + 1;
    }

    /// <summary>The fix: one read-modify-write per key at a time.</summary>
    private async Task<int> IncrementSeriallyAsync(string key, CancellationToken ct)
    {
        if (!_keyLocks.TryGetValue(key, out SemaphoreSlim? gate))
        {
            _keyLocks[key] = gate = new SemaphoreSlim(1, 1);
        }

        // No token: SemaphoreSlim.WaitAsync(token) resumes through ConfigureAwait(false) on the thread pool.
        await gate.WaitAsync();
        try
        {
            return await IncrementAsync(key, ct);
        }
        finally
        {
            gate.Release();
        }
    }
}
