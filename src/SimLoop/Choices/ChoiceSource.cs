namespace SimLoop.Choices;

/// <summary>
/// Hands out a replayed sequence's values, stream by stream: each stream's draws take that stream's recorded choices
/// in order, so deleting one stream's choices (as the shrinker does) never shifts another's. One per run.
/// </summary>
internal sealed class ChoiceSource
{
    private readonly ChoiceReplay _replay;

    // Looked up by stream name only, never iterated: its order cannot reach a decision or a trace.
    private readonly Dictionary<string, Queue<int>> _byStream = new(StringComparer.Ordinal);

    public ChoiceSource(ChoiceReplay replay)
    {
        _replay = replay;
        for (int i = 0; i < replay.Choices.Count; i++)
        {
            string stream = replay.Choices[i].Stream;
            if (!_byStream.TryGetValue(stream, out Queue<int>? queue))
            {
                queue = new Queue<int>();
                _byStream.Add(stream, queue);
            }

            queue.Enqueue(i);
        }
    }

    /// <summary>Whether a mismatch stops the run.</summary>
    public bool Strict => _replay.Strict;

    /// <summary>The next value of <paramref name="stream"/> (0 when used up or when the recorded choice does not fit); returns the mismatch, if any.</summary>
    public ReplayDivergedException? TryNext(string stream, ChoiceKind kind, ulong bound, long drawIndex, out ulong value, out bool usedUp)
    {
        value = 0;
        int index = -1;
        usedUp = !_byStream.TryGetValue(stream, out Queue<int>? queue) || !queue.TryDequeue(out index);
        if (usedUp)
        {
            return null; // the simplest value
        }

        Choice recorded = _replay.Choices[index];
        if (recorded.Kind == kind && (bound == 0 || recorded.Value < bound))
        {
            value = recorded.Value;
            return null;
        }

        return new ReplayDivergedException(index, recorded, new Choice(stream, kind, bound), drawIndex);
    }
}
