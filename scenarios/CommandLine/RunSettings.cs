using System.Globalization;
using System.Text;
using SimLoop.Exploration;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// What decides how one scenario runs, shared by <c>explore</c>, <c>replay</c> and <c>trace</c>: the same settings
/// give the same seeds, the same strategy per seed and the same bounds, so a printed replay command reproduces the run.
/// </summary>
internal sealed record RunSettings(
    ScenarioDefinition Scenario,
    bool Fixed,
    ExplorationStrategy Strategy,
    int PctDepth,
    long? MaxSteps,
    TimeSpan? MaxVirtualTime,
    string? AssemblyPath,
    Invocation? InvokedAs = null)
{
    /// <summary>How the user started the program (the prefix of printed commands); the repository form if not given.</summary>
    public Invocation Invocation => InvokedAs ?? Invocation.RepositoryRoot;

    public const long DefaultMaxSteps = 200_000;
    public static readonly TimeSpan DefaultMaxVirtualTime = TimeSpan.FromMinutes(10);

    public long EffectiveMaxSteps => MaxSteps ?? (Scenario.Attribute.MaxSteps > 0 ? Scenario.Attribute.MaxSteps : DefaultMaxSteps);

    public TimeSpan EffectiveMaxVirtualTime => MaxVirtualTime
        ?? (Scenario.Attribute.MaxVirtualSeconds > 0 ? TimeSpan.FromSeconds(Scenario.Attribute.MaxVirtualSeconds) : DefaultMaxVirtualTime);

    /// <summary>
    /// Exploration options for these settings, with <paramref name="configure"/>'s changes, checked once by
    /// <see cref="ExplorationOptions.Validate"/> before anything runs. PCT's expected step count is measured with one
    /// FIFO run of seed 0, which depends only on the scenario and the settings (not on the base seed), so a single seed
    /// reruns exactly.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is out of range (the command line reports it with exit code 2).</exception>
    public ExplorationOptions ExplorationOptions(Action<ExplorationOptions>? configure = null)
    {
        var options = new ExplorationOptions
        {
            Strategy = Strategy,
            PctDepth = PctDepth,
            HonourEnvironment = false,
            Simulation = SimulationOptions(),
        };
        configure?.Invoke(options);
        options.Validate();
        if (Strategy is ExplorationStrategy.Pct or ExplorationStrategy.Portfolio)
        {
            SimulationOptions calibration = options.Simulation.Clone();
            calibration.RecordTrace = false;
            options.PctExpectedSteps = Math.Max(1, Simulation.Run(0, Scenario.Body(Fixed), calibration).Trace.Decisions.Count);
        }

        return options;
    }

    /// <summary>The options of the loop, as the explorer sets them (its bounds), for replaying a trace file.</summary>
    public SimulationOptions SimulationOptions() =>
        new() { MaxSteps = EffectiveMaxSteps, MaxVirtualTime = EffectiveMaxVirtualTime };

    /// <summary>The command that reruns <paramref name="seed"/> (or replays a trace file) with these settings.</summary>
    public string ReplayCommand(string verb, ulong? seed, string? traceFile, string extra = "")
    {
        var sb = new StringBuilder(Invocation.Prefix).Append(' ').Append(verb).Append(' ').Append(Scenario.Name);
        if (seed is { } s)
        {
            sb.Append(CultureInfo.InvariantCulture, $" --seed {s}");
        }

        if (traceFile is not null)
        {
            sb.Append(" --trace ").Append(Quote(traceFile));
        }

        if (Fixed)
        {
            sb.Append(" --fixed");
        }

        if (seed is not null && Strategy != ExplorationStrategy.Portfolio)
        {
            sb.Append(" --strategy ").Append(Strategy.ToString().ToLowerInvariant());
        }

        if (seed is not null && Strategy == ExplorationStrategy.Pct && PctDepth != 3)
        {
            sb.Append(CultureInfo.InvariantCulture, $" --depth {PctDepth}");
        }

        if (MaxSteps is { } steps)
        {
            sb.Append(CultureInfo.InvariantCulture, $" --max-steps {steps}");
        }

        if (MaxVirtualTime is { } time)
        {
            sb.Append(CultureInfo.InvariantCulture, $" --max-time {time.TotalSeconds}");
        }

        if (AssemblyPath is not null)
        {
            sb.Append(" --assembly ").Append(Quote(AssemblyPath));
        }

        return sb.Append(extra).ToString();
    }

    private static string Quote(string path) => Invocation.Quote(path);
}
