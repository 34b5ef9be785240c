namespace SimLoop;

/// <summary>One invalid setting found by an options validation: which property, and what is wrong with it.</summary>
/// <param name="Property">
/// The property's path from the options object given (<c>"MaxSteps"</c>, <c>"Simulation.MaxSteps"</c>,
/// <c>"DefaultLink.LossRate"</c>), without the argument's name.
/// </param>
/// <param name="Problem">What is wrong and what to do instead, phrased to follow the property's name ("must be at least 1 (it is 0)").</param>
public sealed record OptionsProblem(string Property, string Problem)
{
    /// <summary>The property and the problem as one phrase ("MaxSteps must be positive ...").</summary>
    public override string ToString() => $"{Property} {Problem}";
}
