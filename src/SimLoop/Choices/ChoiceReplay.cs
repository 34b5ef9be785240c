namespace SimLoop.Choices;

/// <summary>
/// A choice sequence to replay, and how strictly: a strict replay stops with <see cref="ReplayDivergedException"/>
/// at the first recorded choice that does not fit the draw the program makes; a lenient one (shrinking) takes the
/// simplest value (0) instead. In both, a stream whose recorded choices are used up draws 0 from then on.
/// </summary>
/// <param name="Choices">The sequence, in the order the run made it.</param>
/// <param name="Strict">Whether a mismatch stops the run.</param>
internal sealed record ChoiceReplay(IReadOnlyList<Choice> Choices, bool Strict);
