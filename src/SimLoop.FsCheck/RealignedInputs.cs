using SimLoop.Choices;

namespace SimLoop.FsCheck;

/// <summary>
/// Candidate inputs for fewer operations on a recorded choice sequence. Deleting operations deletes the draws they
/// made, so the draws after them no longer line up with the messages and steps they were recorded for; these
/// candidates delete a span of choices as well, every length up to about twice the deleted operations' share of the
/// sequence, at every position (shortest spans first), in the spirit of Hypothesis' joint span deletion.
/// </summary>
internal static class RealignedInputs
{
    /// <summary>At most this many candidates per operations candidate.</summary>
    private const int Limit = 256;

    public static IEnumerable<SimulationInput> For(SimulationInput input, int operationsBefore, int operationsAfter)
    {
        if (input.Choices is not { Count: > 0 } choices || operationsAfter >= operationsBefore || operationsBefore == 0)
        {
            yield break;
        }

        int share = (int)Math.Ceiling((double)(operationsBefore - operationsAfter) * choices.Count / operationsBefore);
        int longest = Math.Min(choices.Count, 2 * share);
        int made = 0;
        for (int length = 1; length <= longest; length++)
        {
            for (int start = 0; start + length <= choices.Count; start++)
            {
                if (++made > Limit)
                {
                    yield break;
                }

                Choice[] kept = [.. choices.Take(start), .. choices.Skip(start + length)];
                yield return SimulationInput.FromChoices(input.Seed, kept, input.OriginalChoiceCount);
            }
        }
    }
}
