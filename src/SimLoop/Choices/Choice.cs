namespace SimLoop.Choices;

/// <summary>One draw a run made: the stream it came from, its kind, and its value (0 is the simplest value).</summary>
/// <param name="Stream">The random stream's name (see <see cref="RandomStreams"/>).</param>
/// <param name="Kind">What was drawn.</param>
/// <param name="Value">The value in canonical form (see <see cref="ChoiceKind"/>).</param>
public readonly record struct Choice(string Stream, ChoiceKind Kind, ulong Value)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Stream} {Kind.ToString().ToLowerInvariant()} {Value}";
}
