using SimLoop.Choices;

namespace SimLoop.Exploration;

/// <summary>
/// Minimises a failing run's whole choice sequence, in the spirit of Hypothesis' internal shrinking: delete spans
/// (halving their length down to single choices), set values to 0, lower the rest by binary search, and drop each
/// stream's trailing zeros. Candidates are replayed leniently: a stream whose choices run out, or whose next choice
/// does not fit the draw, draws the simplest value 0, so a candidate never diverges, it only simplifies. The result
/// still fails, and is never longer nor, choice by choice, larger than what it started from.
/// </summary>
internal sealed class ChoiceShrinker(Func<Choice[], bool> stillFails, int budget)
{
    private int _replays;

    public int Replays => _replays;

    public Choice[] Minimize(Choice[] choices)
    {
        Choice[] current = Normalize(choices);
        if (current.Length < choices.Length && !Check(current))
        {
            current = choices;
        }

        Choice[] previous;
        do
        {
            previous = current;
            current = DropStreams(current);
            current = DeleteSpans(current);
            current = ZeroValues(current);
            current = LowerValues(current);
        }
        while (current.Length < previous.Length && _replays < budget);

        Choice[] normal = Normalize(current);
        return normal.Length == current.Length || Check(normal) ? normal : current;
    }

    /// <summary>Drops each stream's trailing simplest choices: past its end a stream draws 0 anyway.</summary>
    public static Choice[] Normalize(IReadOnlyList<Choice> choices)
    {
        // Looked up by stream only, never iterated.
        var lastNonZero = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < choices.Count; i++)
        {
            if (choices[i].Value != 0)
            {
                lastNonZero[choices[i].Stream] = i;
            }
        }

        var kept = new List<Choice>(choices.Count);
        for (int i = 0; i < choices.Count; i++)
        {
            if (lastNonZero.TryGetValue(choices[i].Stream, out int last) && i <= last)
            {
                kept.Add(choices[i]);
            }
        }

        return [.. kept];
    }

    /// <summary>Drops each stream's choices at once (all its draws then take the simplest value), streams in order of first use.</summary>
    private Choice[] DropStreams(Choice[] current)
    {
        foreach (string stream in StreamsInOrder(current))
        {
            if (_replays >= budget)
            {
                break;
            }

            Choice[] candidate = Array.FindAll(current, c => !string.Equals(c.Stream, stream, StringComparison.Ordinal));
            if (candidate.Length < current.Length && Check(candidate))
            {
                current = candidate;
            }
        }

        return current;
    }

    /// <summary>The distinct streams of <paramref name="choices"/>, in order of first use.</summary>
    public static List<string> StreamsInOrder(IReadOnlyList<Choice> choices)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var streams = new List<string>();
        foreach (Choice choice in choices)
        {
            if (seen.Add(choice.Stream))
            {
                streams.Add(choice.Stream);
            }
        }

        return streams;
    }

    private Choice[] DeleteSpans(Choice[] current)
    {
        for (int span = Math.Max(1, current.Length / 2); span >= 1 && _replays < budget; span /= 2)
        {
            for (int start = current.Length - span; start >= 0 && _replays < budget; start -= span)
            {
                Choice[] candidate = [.. current[..start], .. current[(start + span)..]];
                if (Check(candidate))
                {
                    current = candidate;
                }
            }
        }

        return current;
    }

    private Choice[] ZeroValues(Choice[] current)
    {
        for (int i = current.Length - 1; i >= 0 && _replays < budget; i--)
        {
            if (current[i].Value != 0 && TryValue(ref current, i, 0))
            {
                continue;
            }
        }

        return current;
    }

    private Choice[] LowerValues(Choice[] current)
    {
        for (int i = 0; i < current.Length && _replays < budget; i++)
        {
            // The smallest value that still fails, assuming (as Hypothesis does) that failing is mostly monotone; to
            // about a thousandth of the value (a 53-bit fraction needs 10 replays, not 53).
            ulong low = 0, high = current[i].Value;
            while (high - low > Math.Max(1, high >> 10) && _replays < budget)
            {
                ulong middle = low + ((high - low) / 2);
                if (TryValue(ref current, i, middle))
                {
                    high = middle;
                }
                else
                {
                    low = middle;
                }
            }
        }

        return current;
    }

    private bool TryValue(ref Choice[] current, int index, ulong value)
    {
        Choice[] candidate = (Choice[])current.Clone();
        candidate[index] = candidate[index] with { Value = value };
        if (!Check(candidate))
        {
            return false;
        }

        current = candidate;
        return true;
    }

    private bool Check(Choice[] candidate)
    {
        _replays++;
        return stillFails(candidate);
    }
}
