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

    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the message names the attribute property).</exception>
    public ExplorationOptions ToExplorationOptions()
    {
        var options = new ExplorationOptions();
        Set(nameof(Iterations), () => options.Iterations = Iterations);
        Set(nameof(Strategy), () => options.Strategy = Strategy);
        options.BaseSeed = BaseSeed;
        Set(nameof(MaxSteps), () => options.MaxSteps = MaxSteps == 0 ? null : MaxSteps);
        Set(nameof(MaxVirtualTimeMilliseconds), () => options.MaxVirtualTime = MaxVirtualTimeMilliseconds == 0 ? null : TimeSpan.FromMilliseconds(MaxVirtualTimeMilliseconds));
        Set(nameof(PctDepth), () => options.PctDepth = PctDepth);
        Set(nameof(DegreeOfParallelism), () => options.DegreeOfParallelism = DegreeOfParallelism);
        options.Shrink = Shrink;
        Set(nameof(ShrinkBudget), () => options.ShrinkBudget = ShrinkBudget);
        options.CheckDeterminism = CheckDeterminism;
        options.FailureFolder = string.IsNullOrEmpty(FailureFolder) ? null : FailureFolder;
        return options;
    }

    private static void Set(string property, Action assign)
    {
        try
        {
            assign();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ArgumentOutOfRangeException(property, ex.ActualValue, $"The simulation attribute's {property} is out of range: {ex.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
