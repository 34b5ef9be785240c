namespace SimLoop.Choices;

/// <summary>
/// What one recorded choice is, and so how its <see cref="Choice.Value"/> reads. Every kind makes 0 the simplest
/// value: the first ready step, the smallest number of a range, 0.0 for a fraction (which the draw sites read as
/// "no fault": no loss, no duplicate, Buggify not firing).
/// </summary>
public enum ChoiceKind
{
    /// <summary>A scheduler decision: the index of the ready step that runs (0 = the oldest, FIFO).</summary>
    Pick,

    /// <summary>A whole number in a range: the offset from the range's smallest value (<c>Next</c>, <c>NextInt64</c>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The kind of value drawn, named as Random's users know it.")]
    Integer,

    /// <summary>A fraction in [0, 1): its 53 bits (<c>NextDouble</c>, and <c>Sample</c>).</summary>
    Fraction,

    /// <summary>A single-precision fraction in [0, 1): its 24 bits (<c>NextSingle</c>).</summary>
    SingleFraction,

    /// <summary>Up to eight random bytes, little-endian (<c>NextBytes</c>, eight bytes per choice).</summary>
    Bytes,
}
