using System.Globalization;
using SimLoop.Hosts;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// <see cref="ThirdPartyKeyValueClient"/> (<c>ConfigureAwait(false)</c> on every await) shared by two writers on one
/// host against a key-value server on another that answers every fourth request BUSY.
/// </summary>
internal static class ConfigureAwaitFalseLibraryCase
{
    public const int Port = 6379;

    public static RealLibraryCase Case { get; } = new(
        "configureawait-false-library",
        RunAsync,
        "x=a2 y=b2 backoffs=2 requests=10");

    private static async Task<string> RunAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var store = new Dictionary<string, string>(StringComparer.Ordinal);
        int requests = 0;
        loop.AddHost("kv", async (host, _) => await (await host.StartServerAsync((stream, ct) => LineProtocol.ServeAsync(stream, (line, _) =>
        {
            string[] parts = line.Split(' ');
            string? reply = requests++ % 4 == 3 ? "BUSY"
                : parts[0] == "SET" ? Set(parts[1], parts[2])
                : store.GetValueOrDefault(parts[1], "(nil)");
            return Task.FromResult<string?>(reply);
        }, ct), Port)).WaitClosedAsync());

        string Set(string key, string value)
        {
            store[key] = value;
            return "OK";
        }

        SimulatedHost app = loop.AddHost("app");
        return await app.Spawn(async ct =>
        {
            await using var client = new ThirdPartyKeyValueClient(async token => await app.OpenConnectionAsync("kv", Port, token), loop.TimeProvider);
            LoopTask a = app.Spawn(async c => { for (int i = 0; i < 3; i++) { await client.SetAsync("x", $"a{i}", c); } }, "writer a");
            LoopTask b = app.Spawn(async c => { for (int i = 0; i < 3; i++) { await client.SetAsync("y", $"b{i}", c); } }, "writer b");
            await a;
            await b;
            string x = await client.GetAsync("x", ct), y = await client.GetAsync("y", ct);
            return string.Create(CultureInfo.InvariantCulture, $"x={x} y={y} backoffs={client.BackOffs} requests={requests}");
        }, "app");
    }
}
