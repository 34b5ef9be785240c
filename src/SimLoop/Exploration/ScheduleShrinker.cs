namespace SimLoop.Exploration;

/// <summary>
/// Minimises a failing choice list by delta debugging (Zeller's ddmin over the list, removing chunks), then by
/// setting single choices to 0 (FIFO), then by dropping trailing zeros (FIFO past the end is the same). Each
/// candidate is checked by a replay; the result still fails and is never longer than the input.
/// </summary>
internal sealed class ScheduleShrinker(Func<int[], bool> stillFails, int budget)
{
    private int _replays;

    public int Replays => _replays;

    public int[] Minimize(int[] choices)
    {
        int[] current = TrimTrailingZeros(choices);
        if (current.Length < choices.Length && !Check(current))
        {
            current = choices;
        }

        current = DeltaDebug(current);
        current = ZeroOut(current);
        int[] trimmed = TrimTrailingZeros(current);
        return trimmed.Length == current.Length || Check(trimmed) ? trimmed : current;
    }

    private int[] DeltaDebug(int[] current)
    {
        int n = 2;
        while (current.Length >= 2 && _replays < budget)
        {
            int chunk = (int)Math.Ceiling(current.Length / (double)n);
            bool reduced = false;
            for (int start = 0; start < current.Length && _replays < budget; start += chunk)
            {
                int[] complement = [.. current[..start], .. current[Math.Min(current.Length, start + chunk)..]];
                if (Check(complement))
                {
                    current = complement;
                    n = Math.Max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (n >= current.Length)
                {
                    break;
                }

                n = Math.Min(n * 2, current.Length);
            }
        }

        return current;
    }

    private int[] ZeroOut(int[] current)
    {
        for (int i = current.Length - 1; i >= 0 && _replays < budget; i--)
        {
            if (current[i] != 0)
            {
                int[] candidate = (int[])current.Clone();
                candidate[i] = 0;
                if (Check(candidate))
                {
                    current = candidate;
                }
            }
        }

        return current;
    }

    private bool Check(int[] candidate)
    {
        _replays++;
        return stillFails(candidate);
    }

    private static int[] TrimTrailingZeros(int[] choices)
    {
        int end = choices.Length;
        while (end > 0 && choices[end - 1] == 0)
        {
            end--;
        }

        return choices[..end];
    }
}
