using SimLoop.Scheduling;

namespace SimLoop.Choices;

/// <summary>
/// The one writer of a run's choice sequence: every draw of every <see cref="RecordedRandom"/> of the loop, and every
/// scheduler pick, in the order the run made them. When the run replays a sequence, the values come from its
/// <see cref="ChoiceSource"/> instead of the generators; otherwise a <see cref="IChoiceBias"/>, if any, may move them.
/// </summary>
internal sealed class ChoiceRecorder
{
    private readonly ChunkedList<Choice> _made = new();
    private readonly ChoiceSource? _source;
    private readonly IChoiceBias? _bias;

    public ChoiceRecorder(bool record, ChoiceReplay? replay, IChoiceBias? bias)
    {
        Records = record;
        _source = replay is null ? null : new ChoiceSource(replay);
        _bias = bias;
    }

    /// <summary>Whether draws are kept (the loop keeps them when it records its trace).</summary>
    public bool Records { get; }

    /// <summary>Whether the values come from a replayed sequence.</summary>
    public bool Replays => _source is not null;

    /// <summary>How many choices the run made so far (counted also when not kept).</summary>
    public long Made { get; private set; }

    /// <summary>The mismatch that stopped a strict replay, or null.</summary>
    public ReplayDivergedException? Divergence { get; private set; }

    /// <summary>The first recorded choice that did not fit the program's draw (strict or lenient replay), or null.</summary>
    public ReplayDivergedException? FirstMismatch { get; private set; }

    /// <summary>The choices kept so far, in order, read in place (no copy; later choices are not part of it).</summary>
    public IReadOnlyList<Choice> Kept() => new KeptChoices(_made, _made.Count);

    /// <summary>
    /// Draws a value of <paramref name="kind"/> in [0, <paramref name="bound"/>) (any 64-bit value when the bound is
    /// 0) for <paramref name="stream"/>, from the replayed sequence or from <paramref name="generator"/>, and records it.
    /// </summary>
    /// <exception cref="ReplayDivergedException">A strict replay found a recorded choice that does not fit this draw.</exception>
    public ulong Draw(string stream, ChoiceKind kind, ulong bound, Xoshiro256StarStar generator)
    {
        ulong value;
        if (_source is not null)
        {
            value = Replayed(stream, kind, bound, out _);
        }
        else
        {
            value = generator.NextBelow(bound);
            if (_bias is not null)
            {
                ulong biased = _bias.Bias(stream, kind, bound, value);
                value = bound == 0 || biased < bound ? biased : value;
            }
        }

        Keep(new Choice(stream, kind, value));
        return value;
    }

    /// <summary>
    /// Records the scheduler's pick among <paramref name="readyCount"/> ready steps: <paramref name="strategyChoice"/>,
    /// or, when replaying, the recorded pick (the strategy's once the recorded picks are used up: a replay's strategy is
    /// FIFO, or the recorded decisions).
    /// </summary>
    public int Pick(int strategyChoice, int readyCount)
    {
        int choice = strategyChoice;
        if (_source is not null)
        {
            ulong recorded = Replayed(RandomStreams.Scheduler, ChoiceKind.Pick, (ulong)readyCount, out bool usedUp);
            choice = usedUp ? strategyChoice : (int)recorded;
        }

        Keep(new Choice(RandomStreams.Scheduler, ChoiceKind.Pick, (ulong)choice));
        return choice;
    }

    private ulong Replayed(string stream, ChoiceKind kind, ulong bound, out bool usedUp)
    {
        if (_source!.TryNext(stream, kind, bound, Made, out ulong value, out usedUp) is { } mismatch)
        {
            FirstMismatch ??= mismatch;
            if (_source.Strict)
            {
                Divergence ??= mismatch;
                throw mismatch;
            }
        }

        return value;
    }

    private void Keep(in Choice choice)
    {
        Made++;
        if (Records)
        {
            _made.Add(choice);
        }
    }
}
