namespace SimLoop.Choices;

/// <summary>
/// The seam through which an exploration strategy biases a run's draws (for example latency and loss toward their
/// extremes, or swarm testing that switches fault kinds off): called for every generated draw of every stream (not
/// for scheduler picks, which strategies make themselves, nor when replaying). Set through
/// <c>SimulationOptions.ChoiceBias</c>; the returned value is recorded, so the run replays and shrinks as any other.
/// </summary>
internal interface IChoiceBias
{
    /// <summary>The value to use instead of <paramref name="drawn"/>; a value outside [0, <paramref name="bound"/>) keeps <paramref name="drawn"/>.</summary>
    /// <param name="stream">The stream's name (see <see cref="RandomStreams"/>; classify with <see cref="RandomStreams.ClassOf"/>).</param>
    /// <param name="kind">What is drawn.</param>
    /// <param name="bound">How many values are possible (0: all 2^64).</param>
    /// <param name="drawn">The generator's value. For a <see cref="ChoiceKind.Fraction"/>, values near the bound mean "fault"
    /// at the network, storage and Buggify draw sites; 0 is always the simplest.</param>
    ulong Bias(string stream, ChoiceKind kind, ulong bound, ulong drawn);
}
