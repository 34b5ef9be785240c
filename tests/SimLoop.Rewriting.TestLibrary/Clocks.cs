using System.Diagnostics;

namespace SimLoop.Rewriting.TestLibrary;

/// <summary>What the clocks said around a delay.</summary>
public sealed record ClockReading(DateTime UtcBefore, DateTime UtcAfter, DateTimeOffset OffsetAfter, TimeSpan StopwatchElapsed, TimeSpan TimestampElapsed, long TickCountElapsed);

/// <summary>Reads every clock around a delay, as instrumented code does.</summary>
public static class Clocks
{
    public static async Task<ClockReading> MeasureAsync(TimeSpan delay)
    {
        DateTime before = DateTime.UtcNow;
        Stopwatch stopwatch = Stopwatch.StartNew();
        long timestamp = Stopwatch.GetTimestamp();
        long ticks = Environment.TickCount64;
        await Task.Delay(delay).ConfigureAwait(false);
        stopwatch.Stop();
        return new ClockReading(before, DateTime.UtcNow, DateTimeOffset.UtcNow, stopwatch.Elapsed, Stopwatch.GetElapsedTime(timestamp), Environment.TickCount64 - ticks);
    }

    public static DateTime UtcNow() => DateTime.UtcNow;

    public static long Timestamp() => Stopwatch.GetTimestamp();
}
