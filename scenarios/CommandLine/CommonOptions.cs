using System.CommandLine;
using System.Globalization;
using System.Reflection;
using SimLoop.Exploration;
using SimLoop.Rewriting.Loading;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>The arguments and options several commands share, and how they become <see cref="RunSettings"/>.</summary>
internal sealed class CommonOptions(Invocation invocation)
{
    /// <summary>How the user started the program: the prefix of every printed command.</summary>
    public Invocation Invocation => invocation;

    public Argument<string> Scenario { get; } = new("scenario") { Description = "The scenario's name (see 'list')." };

    public Option<bool> Fixed { get; } = new("--fixed") { Description = "Run the system with its bug fixed." };

    public Option<string?> Assembly { get; } = new("--assembly") { Description = "Load scenarios from this assembly instead of the built-in catalogue." };

    public Option<string> Strategy { get; } = new("--strategy") { Description = "fifo, random, pct, portfolio (default), swarm or exhaustive.", DefaultValueFactory = _ => "portfolio" };

    public Option<long?> Depth { get; } = NumberOptions.Whole("--depth", "PCT bug depth (default 3).", int.MinValue, int.MaxValue);

    public Option<long?> MaxSteps { get; } = NumberOptions.Whole("--max-steps", "Fail a run after this many loop steps.", long.MinValue, long.MaxValue);

    public Option<TimeSpan?> MaxTime { get; } = NumberOptions.Seconds("--max-time", "Fail a run after this much virtual time, in seconds.");

    public Option<ulong?> Seed { get; } = NumberOptions.Seed("--seed", "The seed of the run (as printed by explore).");

    public Option<string?> Trace { get; } = new("--trace") { Description = "A trace file written by explore." };

    public void AddRunOptions(Command command)
    {
        command.Arguments.Add(Scenario);
        command.Options.Add(Fixed);
        command.Options.Add(Strategy);
        command.Options.Add(Depth);
        command.Options.Add(MaxSteps);
        command.Options.Add(MaxTime);
        command.Options.Add(Assembly);
    }

    public RunSettings Settings(ParseResult parse)
    {
        string name = parse.GetValue(Scenario)!;
        ScenarioCatalog catalog = Catalog(parse.GetValue(Assembly));
        if (!catalog.TryFind(name, out ScenarioDefinition? scenario))
        {
            throw new UsageException($"unknown scenario '{name}'; known: {string.Join(", ", catalog.All.Select(s => s.Name))}");
        }

        return new RunSettings(
            scenario,
            parse.GetValue(Fixed),
            ParseStrategy(parse.GetValue(Strategy)!),
            (int)(parse.GetValue(Depth) ?? 3),
            parse.GetValue(MaxSteps),
            parse.GetValue(MaxTime),
            parse.GetValue(Assembly),
            invocation);
    }

    public static ScenarioCatalog Catalog(string? assemblyPath)
    {
        if (assemblyPath is null)
        {
            return new ScenarioCatalog([typeof(CommonOptions).Assembly]);
        }

        if (!File.Exists(assemblyPath))
        {
            throw new UsageException($"assembly not found: {assemblyPath}");
        }

        ScenarioCatalog catalog;
        try
        {
            // Load-time rewriting (src/SimLoop.Rewriting): the assembly and its third-party dependencies run with
            // ConfigureAwait(false), Task.Run, clocks, Guid and Random kept inside the simulation.
            catalog = new ScenarioCatalog([RewritingAssemblyLoader.Load(assemblyPath)]);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or InvalidOperationException or NotSupportedException or IOException)
        {
            throw new UsageException($"cannot load scenarios from {assemblyPath}: {ex.Message}");
        }

        return catalog.All.Count > 0
            ? catalog
            : throw new UsageException($"{assemblyPath} has no [Scenario] methods (static Task M(ScenarioContext, CancellationToken) marked [Scenario(\"name\")]); rebuild it if you just added one");
    }

    private static ExplorationStrategy ParseStrategy(string text) => text.ToLowerInvariant() switch
    {
        "fifo" => ExplorationStrategy.Fifo,
        "random" => ExplorationStrategy.Random,
        "pct" => ExplorationStrategy.Pct,
        "portfolio" => ExplorationStrategy.Portfolio,
        "exhaustive" => ExplorationStrategy.Exhaustive,
        "swarm" => ExplorationStrategy.Swarm,
        _ => throw new UsageException($"unknown strategy '{text}'; use fifo, random, pct, portfolio, swarm or exhaustive"),
    };

    /// <summary>
    /// An invalid setting found by the options' one validation, said with the command-line option that set it
    /// ("--depth must be at least 1 (it is 0)"); several are joined on one line.
    /// </summary>
    public static string InWords(OptionsValidationException invalid) =>
        string.Join("; ", invalid.Problems.Select(p => $"{OptionFor(p.Property) ?? p.Property} {p.Problem}"));

    private static string? OptionFor(string property) => property switch
    {
        nameof(ExplorationOptions.Iterations) => "--iterations",
        nameof(ExplorationOptions.DegreeOfParallelism) => "--parallel",
        nameof(ExplorationOptions.PctDepth) => "--depth",
        $"{nameof(ExplorationOptions.Simulation)}.{nameof(SimulationOptions.MaxSteps)}" or nameof(SimulationOptions.MaxSteps) => "--max-steps",
        $"{nameof(ExplorationOptions.Simulation)}.{nameof(SimulationOptions.MaxVirtualTime)}" or nameof(SimulationOptions.MaxVirtualTime) => "--max-time",
        nameof(ExplorationOptions.ShardIndex) or nameof(ExplorationOptions.ShardCount) => "--shard",
        _ => null,
    };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal static Assembly ScenariosAssembly => typeof(CommonOptions).Assembly;
}
