namespace SimLoop.Scenarios.Catalogue.LostUpdate;

/// <summary>
/// A key-value store a millisecond away (a database round trip on virtual time): every read and write takes
/// loop time, and nothing stops two callers from interleaving their read-modify-write sequences.
/// </summary>
internal sealed class CounterStore(TimeProvider time)
{
    private static readonly TimeSpan s_roundTrip = TimeSpan.FromMilliseconds(1);
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);

    public async Task<int> ReadAsync(string key, CancellationToken ct)
    {
        await Task.Delay(s_roundTrip, time, ct);
        return _values.GetValueOrDefault(key);
    }

    public async Task WriteAsync(string key, int value, CancellationToken ct)
    {
        await Task.Delay(s_roundTrip, time, ct);
        _values[key] = value;
    }

    /// <summary>The fix's other option: one round trip that increments in the store.</summary>
    public async Task<int> IncrementAsync(string key, CancellationToken ct)
    {
        await Task.Delay(s_roundTrip, time, ct);
        return _values[key] = _values.GetValueOrDefault(key) + 1;
    }

    /// <summary>The stored value, read by the scenario's checker (no time passes).</summary>
    public int Peek(string key) => _values.GetValueOrDefault(key);
}
