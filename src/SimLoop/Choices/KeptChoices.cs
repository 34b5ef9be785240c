using System.Collections;
using SimLoop.Scheduling;

namespace SimLoop.Choices;

/// <summary>
/// A finished run's kept choices, read in place from the recorder's chunks: a run that is only looked at for its
/// outcome (most explored iterations) never copies its sequence into one array, which for ~10,000 choices of
/// 24 bytes is a large-object allocation per iteration and, in an exploration, a full collection every few iterations.
/// </summary>
internal sealed class KeptChoices(ChunkedList<Choice> made, int count) : IReadOnlyList<Choice>
{
    public int Count => count;

    public Choice this[int index] => (uint)index < (uint)count ? made[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<Choice> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return made[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
