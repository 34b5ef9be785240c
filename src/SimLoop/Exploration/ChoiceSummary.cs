using System.Globalization;
using SimLoop.Choices;

namespace SimLoop.Exploration;

/// <summary>
/// What one random stream contributed to a minimised failing run: how many choices it made and how many of them are
/// not the simplest (after shrinking, those are the ones the failure needs: a non-FIFO pick, a latency above the
/// link's minimum, a message lost, a Buggify site firing).
/// </summary>
/// <param name="Stream">The stream's name (see <see cref="RandomStreams"/>).</param>
/// <param name="Class">What its choices decide.</param>
/// <param name="Count">How many choices the stream made in the minimised sequence.</param>
/// <param name="NonSimplest">How many of them are not 0.</param>
/// <param name="Kind">The kind of its choices.</param>
/// <param name="Largest">Its largest value (ticks above the minimum for a latency or jitter).</param>
public sealed record ChoiceSummary(string Stream, ChoiceClass Class, int Count, int NonSimplest, ChoiceKind Kind, ulong Largest)
{
    /// <summary>Summarises <paramref name="choices"/> per stream, streams in order of first use, leaving out streams whose choices are all 0.</summary>
    /// <param name="choices">A (minimised) choice sequence.</param>
    public static IReadOnlyList<ChoiceSummary> Of(IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var summaries = new List<ChoiceSummary>();
        foreach (string stream in ChoiceShrinker.StreamsInOrder(choices))
        {
            Choice[] own = choices.Where(c => string.Equals(c.Stream, stream, StringComparison.Ordinal)).ToArray();
            int nonSimplest = own.Count(c => c.Value != 0);
            if (nonSimplest > 0)
            {
                summaries.Add(new ChoiceSummary(stream, RandomStreams.ClassOf(stream), own.Length, nonSimplest, own[^1].Kind, own.Max(c => c.Value)));
            }
        }

        return summaries;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string concern = Stream.Split('/')[0];
        string host = Stream.Contains('/', StringComparison.Ordinal) ? $" on {Stream[(Stream.IndexOf('/', StringComparison.Ordinal) + 1)..]}" : "";
        string upTo = Kind == ChoiceKind.Integer ? $", up to +{TimeSpan.FromTicks((long)Math.Min(Largest, long.MaxValue)).TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms" : "";
        return concern switch
        {
            RandomStreams.Scheduler => $"{NonSimplest} non-FIFO scheduler pick{Plural(NonSimplest)} (of {Count})",
            RandomStreams.TimerOrder => $"{NonSimplest} reordering{Plural(NonSimplest)} of simultaneous timers",
            RandomStreams.TimerJitter => $"{NonSimplest} jittered timer{Plural(NonSimplest)}{upTo}",
            RandomStreams.NetworkLatency => $"{NonSimplest} message{Plural(NonSimplest)} slower than the link minimum (of {Count}){upTo}",
            RandomStreams.NetworkLoss => $"{NonSimplest} message{Plural(NonSimplest)} lost",
            RandomStreams.NetworkDuplicate => $"{NonSimplest} datagram{Plural(NonSimplest)} duplicated",
            RandomStreams.NetworkReorder => $"{NonSimplest} datagram reordering draw{Plural(NonSimplest)}",
            RandomStreams.NetworkSwizzle => $"{NonSimplest} swizzle-clog draw{Plural(NonSimplest)}",
            RandomStreams.StorageLatency => $"{NonSimplest} slow disk operation{Plural(NonSimplest)}{host}{upTo}",
            RandomStreams.StorageFault => $"{NonSimplest} disk fault draw{Plural(NonSimplest)}{host}",
            RandomStreams.StorageTorn => $"{NonSimplest} crash{Plural(NonSimplest)} losing unsynced data{host}",
            _ when concern.StartsWith(RandomStreams.BuggifyPrefix, StringComparison.Ordinal) =>
                $"Buggify site {concern[RandomStreams.BuggifyPrefix.Length..]} on, fires {Math.Max(0, NonSimplest - 1)} time{Plural(NonSimplest - 1)}",
            _ => $"{NonSimplest} non-zero value{Plural(NonSimplest)} drawn from {Stream}",
        };
    }

    private static string Plural(int count) => count == 1 ? "" : "s";
}
