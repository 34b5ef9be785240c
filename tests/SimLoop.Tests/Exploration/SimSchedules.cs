using FsCheck;
using FsCheck.Fluent;

namespace SimLoop.Tests.Exploration;

/// <summary>
/// FsCheck generators of schedules: choice lists for <see cref="Scheduling.ChoiceListStrategy"/> (each choice taken
/// modulo the ready count; FIFO past the end), shrinking towards shorter lists and FIFO choices, so that
/// <c>Prop.ForAll(SimSchedules.Arbitrary(), choices =&gt; ...)</c> finds and minimises a failing interleaving.
/// </summary>
internal static class SimSchedules
{
    public static Arbitrary<int[]> Arbitrary(int maxChoice = 3) =>
        Arb.From(Gen.Choose(0, maxChoice).ArrayOf(), Shrink);

    private static IEnumerable<int[]> Shrink(int[] choices)
    {
        for (int size = choices.Length / 2; size >= 1; size /= 2)
        {
            for (int start = 0; start + size <= choices.Length; start += size)
            {
                yield return [.. choices[..start], .. choices[(start + size)..]];
            }
        }

        for (int i = choices.Length - 1; i >= 0; i--)
        {
            if (choices[i] != 0)
            {
                int[] fifo = (int[])choices.Clone();
                fifo[i] = 0;
                yield return fifo;
            }
        }
    }
}
