namespace SimLoop.Choices;

/// <summary>Two biases in turn: the second sees (and may move) what the first returned.</summary>
internal sealed class ChainedBias(IChoiceBias first, IChoiceBias second) : IChoiceBias
{
    /// <summary><paramref name="first"/> then <paramref name="second"/>; either may be null.</summary>
    public static IChoiceBias? Of(IChoiceBias? first, IChoiceBias? second) =>
        first is null ? second : second is null ? first : new ChainedBias(first, second);

    /// <inheritdoc/>
    public ulong Bias(string stream, ChoiceKind kind, ulong bound, ulong drawn)
    {
        ulong once = first.Bias(stream, kind, bound, drawn);
        once = bound == 0 || once < bound ? once : drawn;
        return second.Bias(stream, kind, bound, once);
    }
}
