namespace SimLoop.FsCheck;

/// <summary>Shrinks an operation sequence by deleting spans of it, halving their length down to single operations.</summary>
internal static class OperationsShrinker
{
    public static IEnumerable<TOp[]> Shrink<TOp>(TOp[] operations)
    {
        for (int span = operations.Length / 2; span >= 1; span /= 2)
        {
            for (int start = operations.Length - span; start >= 0; start -= span)
            {
                yield return [.. operations[..start], .. operations[(start + span)..]];
            }
        }
    }
}
