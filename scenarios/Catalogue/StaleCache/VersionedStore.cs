using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.StaleCache;

/// <summary>
/// The database: <c>GET key</c> answers <c>VAL value version</c>; <c>PUT key value</c> waits for its fsync (5 ms),
/// then applies the value with the next version and answers <c>OK version</c>. Each connection has its own handler,
/// so a read is answered while a write on another connection waits for its fsync.
/// </summary>
internal sealed class VersionedStore(TimeProvider time)
{
    public const int Port = 7100;

    private static readonly TimeSpan s_fsync = TimeSpan.FromMilliseconds(5);
    private readonly Dictionary<string, (string Value, long Version)> _rows = new(StringComparer.Ordinal);

    public void Start(SimulatedHost host) => host.ServeLines(Port, ServeAsync);

    public void Seed(string key, string value) => _rows[key] = (value, 1);

    /// <summary>The stored value, read by the scenario's checker (no time passes).</summary>
    public string Peek(string key) => _rows[key].Value;

    private async Task ServeAsync(LineStream connection, CancellationToken ct)
    {
        while (await connection.ReadLineAsync(ct) is { } request)
        {
            string[] words = request.Split(' ');
            if (words[0] == "GET")
            {
                (string value, long version) = _rows[words[1]];
                await connection.WriteLineAsync(Invariant($"VAL {value} {version}"), ct);
            }
            else
            {
                await Task.Delay(s_fsync, time, ct);
                long version = _rows[words[1]].Version + 1;
                _rows[words[1]] = (words[2], version);
                await connection.WriteLineAsync(Invariant($"OK {version}"), ct);
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
