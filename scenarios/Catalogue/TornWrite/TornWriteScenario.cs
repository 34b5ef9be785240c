using SimLoop.Hosts;

namespace SimLoop.Scenarios.Catalogue.TornWrite;

internal static class TornWriteScenario
{
    [Scenario("torn-write",
        Description = "A record log without checksums: after a crash, recovery reads a torn record as if it were whole.",
        Budget = 100)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        var log = new RecordLog(checksummed: ctx.Fixed, ctx.Random);
        SimulatedHost host = ctx.Loop.AddHost(RecordLog.Host, log.StartAsync);

        // The fault injector pulls the plug while the log is being appended to, then powers the host back on.
        await Task.Delay(TimeSpan.FromMilliseconds(ctx.Random.Next(5, 40)), ctx.Time, ct);
        host.Crash();
        await Task.Delay(TimeSpan.FromMilliseconds(5), ctx.Time, ct);
        host.Restart();
        await Task.Delay(TimeSpan.FromMilliseconds(30), ctx.Time, ct);

        List<string> recovered = log.Recovered ?? throw new InvariantViolationException("the log did not recover after the restart");
        for (int i = 0; i < recovered.Count; i++)
        {
            InvariantViolationException.ThrowIfFalse(i < log.Written.Count && recovered[i] == log.Written[i],
                $"recovery read record {i} as {Describe(recovered[i])}, but {(i < log.Written.Count ? $"{Describe(log.Written[i])} was written" : "no such record was written")}");
        }

        List<string> expected = [.. recovered, RecordLog.Marker];
        List<string> afterMarker = log.AfterMarker ?? throw new InvariantViolationException("the marker record was not appended after recovery");
        InvariantViolationException.ThrowIfFalse(afterMarker.SequenceEqual(expected),
            $"after appending the marker the log reads {afterMarker.Count} records ending {Describe(afterMarker.LastOrDefault())}, expected {expected.Count} ending with the marker");
    }

    private static string Describe(string? record) =>
        record is null ? "nothing" : $"'{(record.Length > 16 ? record[..16] + "..." : record)}' ({record.Length} chars)";
}
