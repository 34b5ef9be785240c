using SimLoop.Exploration;

namespace SimLoop.Xunit;

/// <summary>
/// The exploration settings an attribute carries (attribute arguments cannot be nullable or <see cref="TimeSpan"/>),
/// turned into <see cref="ExplorationOptions"/> when the test runs, so a bad value fails that test with the
/// option's own message instead of breaking discovery.
/// </summary>
internal sealed class SimulationSettings
{
    public int Iterations { get; set; } = 100;

    public ExplorationStrategy Strategy { get; set; } = ExplorationStrategy.Portfolio;

    public ulong BaseSeed { get; set; }

    public long MaxSteps { get; set; } = 100_000;

    public long MaxVirtualTimeMilliseconds { get; set; }

    public int PctDepth { get; set; } = 3;

    public int DegreeOfParallelism { get; set; } = 1;

    public bool Shrink { get; set; } = true;

    public int ShrinkBudget { get; set; } = 1000;

    public bool CheckDeterminism { get; set; }

    public string? FailureFolder { get; set; } = "simloop-failures";

    /// <summary>
    /// The options these settings describe, checked by <see cref="ExplorationOptions.Validate"/> with every invalid
    /// setting named as the attribute's property (<c>MaxSteps</c>, not <c>Simulation.MaxSteps</c>).
    /// </summary>
    /// <exception cref="OptionsValidationException">Settings are out of range (parameter <c>attribute</c>; one exception names every one).</exception>
    public ExplorationOptions ToExplorationOptions()
    {
        var options = new ExplorationOptions
        {
            Iterations = Iterations,
            Strategy = Strategy,
            BaseSeed = BaseSeed,
            PctDepth = PctDepth,
            DegreeOfParallelism = DegreeOfParallelism,
            Shrink = Shrink,
            ShrinkBudget = ShrinkBudget,
            CheckDeterminism = CheckDeterminism,
            FailureFolder = string.IsNullOrEmpty(FailureFolder) ? null : FailureFolder,
        };
        options.Simulation.MaxSteps = MaxSteps == 0 ? null : MaxSteps;
        options.Simulation.MaxVirtualTime = MaxVirtualTimeMilliseconds == 0 ? null : TimeSpan.FromMilliseconds(MaxVirtualTimeMilliseconds);
        try
        {
            options.Validate();
        }
        catch (OptionsValidationException ex)
        {
            throw new OptionsValidationException("attribute", [.. ex.Problems.Select(p => p with { Property = AttributeProperty(p.Property) })]);
        }

        return options;
    }

    private static string AttributeProperty(string optionsProperty) => optionsProperty switch
    {
        $"{nameof(ExplorationOptions.Simulation)}.{nameof(SimulationOptions.MaxSteps)}" => nameof(MaxSteps),
        $"{nameof(ExplorationOptions.Simulation)}.{nameof(SimulationOptions.MaxVirtualTime)}" => nameof(MaxVirtualTimeMilliseconds),
        _ => optionsProperty,
    };
}
