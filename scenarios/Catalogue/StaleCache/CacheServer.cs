using System.Globalization;
using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.StaleCache;

/// <summary>
/// A memcached-like cache: <c>SET key value version</c> and <c>DEL key version</c>, each answered <c>DONE</c>. The
/// buggy cache applies every SET and DEL as it arrives; the fixed one remembers the newest version it has seen of
/// each key (a DEL leaves a tombstone) and ignores a SET that is older, as memcache's leases do.
/// </summary>
internal sealed class CacheServer(bool versioned)
{
    public const int Port = 7200;

    private readonly Dictionary<string, (string? Value, long Version)> _entries = new(StringComparer.Ordinal);

    public void Start(SimulatedHost host) => host.ServeLines(Port, ServeAsync);

    /// <summary>The cached value of <paramref name="key"/>, or null (read by the scenario's checker).</summary>
    public string? Peek(string key) => _entries.GetValueOrDefault(key).Value;

    private async Task ServeAsync(LineStream connection, CancellationToken ct)
    {
        while (await connection.ReadLineAsync(ct) is { } request)
        {
            string[] words = request.Split(' ');
            string key = words[1];
            long version = long.Parse(words[^1], CultureInfo.InvariantCulture);
            (string? _, long newest) = _entries.GetValueOrDefault(key);
            if (!versioned || version > newest)
            {
                _entries[key] = (words[0] == "SET" ? words[2] : null, version);
            }

            await connection.WriteLineAsync("DONE", ct);
        }
    }
}
