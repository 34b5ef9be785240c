using System.Globalization;
using SimLoop.Hosts;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// <c>Task.Run</c> inside code under test: a fan-out of four <c>Task.Run</c> bodies, each calling a server on
/// another host, joined with <c>Task.WhenAll</c>; then a CPU-bound <c>Task.Run</c>, and a nested one.
/// </summary>
internal static class TaskRunCase
{
    public const int Port = 7200;

    public static RealLibraryCase Case { get; } = new(
        "task-run",
        RunAsync,
        "squares=[0,1,4,9] sum=14 nested=42 host=worker");

    private static async Task<string> RunAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        loop.AddHost("squares", async (host, _) => await (await host.StartServerAsync((stream, ct) => LineProtocol.ServeAsync(stream, (line, _) =>
        {
            int n = int.Parse(line, CultureInfo.InvariantCulture);
            return Task.FromResult<string?>((n * n).ToString(CultureInfo.InvariantCulture));
        }, ct), Port)).WaitClosedAsync());
        SimulatedHost worker = loop.AddHost("worker");
        return await worker.Spawn(async ct =>
        {
            string[] squares = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(
                async () => await LineProtocol.CallAsync(SimulatedHost.RequiredCurrent, "squares", Port, i.ToString(CultureInfo.InvariantCulture), ct), ct)));
            int sum = await Task.Run(() => squares.Sum(s => int.Parse(s, CultureInfo.InvariantCulture)), ct);
            int nested = await Task.Run(async () => await Task.Run(() => 41, ct) + 1, ct);
            string host = await Task.Run(() => SimulatedHost.RequiredCurrent.Name, ct);
            return string.Create(CultureInfo.InvariantCulture, $"squares=[{string.Join(",", squares)}] sum={sum} nested={nested} host={host}");
        }, "fan-out");
    }
}
