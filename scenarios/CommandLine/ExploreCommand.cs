using System.CommandLine;
using SimLoop.Exploration;
using SimLoop.Scenarios.Rendering;
using Spectre.Console;

namespace SimLoop.Scenarios.CommandLine;

/// <summary><c>explore &lt;scenario&gt;</c>: many seeds, a live progress line, a summary, and on a bug how to replay it.</summary>
internal sealed class ExploreCommand
{
    private readonly CommonOptions _common;
    private readonly Option<long?> _iterations = NumberOptions.Whole("--iterations", "How many seeds to run (default: the scenario's budget).", int.MinValue, int.MaxValue);
    private readonly Option<long?> _parallel = NumberOptions.Whole("--parallel", "Seeds run at once (default: the number of cores; at most 1024).", int.MinValue, 1024);
    private readonly Option<string?> _shard = new("--shard") { Description = "Run slice I of N of the seed space, written I/N (1-based), or auto: the index from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID)." };
    private readonly Option<long?> _shardCount = NumberOptions.Whole("--shard-count", "With --shard auto: the number of shards, where the engine does not give it (Kubernetes).", 1, int.MaxValue);
    private readonly Func<string, string?> _environment;
    private readonly Option<bool> _json = new("--json") { Description = "Print a machine-readable result instead of the report." };
    private readonly Option<bool> _keepGoing = new("--keep-going") { Description = "Run every iteration and report every failing seed." };
    private readonly Option<string?> _html = new("--html") { Description = "Also write an HTML report with a chart of the exploration (iterations, failures, distinct behaviours) to this file." };
    private readonly Option<string> _failureFolder = new("--failure-folder") { Description = "Where failure traces are written.", DefaultValueFactory = _ => "simloop-failures" };

    /// <param name="common">The shared options.</param>
    /// <param name="environment">Reads an environment variable (for <c>--shard auto</c>); null when unset.</param>
    public ExploreCommand(CommonOptions common, Func<string, string?> environment)
    {
        _common = common;
        _environment = environment;
        Command = new Command("explore", "Run a scenario over many seeds and report the first bug found.");
        common.AddRunOptions(Command);
        Command.Options.Add(_iterations);
        Command.Options.Add(common.Seed);
        Command.Options.Add(_parallel);
        Command.Options.Add(_shard);
        Command.Options.Add(_shardCount);
        Command.Options.Add(_json);
        Command.Options.Add(_keepGoing);
        Command.Options.Add(_failureFolder);
        Command.Options.Add(_html);
    }

    public Command Command { get; }

    public int Execute(ParseResult parse, CommandOutput output)
    {
        (int shardIndex, int shardCount) = ShardSelection.Resolve(parse.GetValue(_shard), parse.GetValue(_shardCount), _environment);
        RunSettings settings = _common.Settings(parse);
        int iterations = (int)(parse.GetValue(_iterations) ?? settings.Scenario.Budget);
        ExplorationOptions options = settings.ExplorationOptions(options =>
        {
            options.Iterations = iterations;
            options.BaseSeed = parse.GetValue(_common.Seed) ?? 0;
            options.DegreeOfParallelism = (int)(parse.GetValue(_parallel) ?? Environment.ProcessorCount);
            options.ShardIndex = shardIndex;
            options.ShardCount = shardCount;
            options.StopOnFirstFailure = !parse.GetValue(_keepGoing);
            options.ThrowOnFailure = false;

            // The explorer writes no file itself: a folder that cannot be written must not lose the failure it found.
            options.FailureFolder = null;
        });

        var tracker = new ExplorationTracker(iterations);
        options.Progress = tracker.OnProgress;
        Func<SimulatedEventLoop, CancellationToken, Task> body = ScenarioRunner.ObservedBody(settings);
        bool json = parse.GetValue(_json);
        ExplorationResult result = json || !output.IsTerminal
            ? RunWithPlainProgress(body, options, settings, tracker, json ? null : output)
            : RunWithLiveProgress(body, options, settings, tracker, output.Console);

        FailureTraceFiles files = FailureTraceFiles.Write(result.Failures, parse.GetValue(_failureFolder), settings);
        var summary = new ExplorationSummary(settings, options, result, tracker, files);
        string? htmlError = parse.GetValue(_html) is { } htmlPath ? WriteHtml(htmlPath, summary) : null;
        if (json)
        {
            output.Out.WriteLine(summary.ToJson());
        }
        else
        {
            ExplorationReportRenderer.Render(output, summary);
        }

        if (files.Error is { } writeError)
        {
            output.Error.WriteLine($"error: {writeError}");
        }

        if (htmlError is not null)
        {
            output.Error.WriteLine($"error: {htmlError}");
        }

        return result.Passed ? CommandLineApp.Passed : CommandLineApp.BugFound;
    }

    private static ExplorationResult RunWithPlainProgress(Func<SimulatedEventLoop, CancellationToken, Task> body, ExplorationOptions options, RunSettings settings, ExplorationTracker tracker, CommandOutput? output)
    {
        if (output is not null)
        {
            string shard = options.ShardCount > 1 ? CommonOptions.Invariant($" (shard {options.ShardIndex + 1}/{options.ShardCount})") : "";
            output.Out.WriteLine(CommonOptions.Invariant($"Exploring {settings.Scenario.Name}{(settings.Fixed ? " (fixed)" : "")}: {options.Iterations} iterations{shard}, strategy {options.Strategy.ToString().ToLowerInvariant()}, base seed {options.BaseSeed}, {options.DegreeOfParallelism} in parallel"));
            tracker.PlainLine = line => output.Out.WriteLine(line);
        }

        return Simulation.Explore(body, options, settings.Scenario.Name);
    }

    private static ExplorationResult RunWithLiveProgress(Func<SimulatedEventLoop, CancellationToken, Task> body, ExplorationOptions options, RunSettings settings, ExplorationTracker tracker, IAnsiConsole console)
    {
        ExplorationResult? result = null;
        console.Status().Spinner(Spinner.Known.Dots).Start($"Exploring {Markup.Escape(settings.Scenario.Name)}...", status =>
        {
            tracker.LiveLine = line => status.Status(Markup.Escape(line));
            result = Simulation.Explore(body, options, settings.Scenario.Name);
        });
        return result!;
    }

    /// <summary>Writes the HTML report; returns why it could not be written, or null (the exploration's result stands either way).</summary>
    private static string? WriteHtml(string path, ExplorationSummary summary)
    {
        try
        {
            File.WriteAllText(path, ExplorationChartWriter.Page(summary));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"the HTML report could not be written to {path}: {ex.Message}";
        }
    }

    internal static (int Index, int Count) ParseShard(string? text)
    {
        if (text is null)
        {
            return (0, 1);
        }

        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int index) && int.TryParse(parts[1], out int count) && count >= 1 && index >= 1 && index <= count)
        {
            return (index - 1, count);
        }

        throw new UsageException($"--shard must be I/N with 1 <= I <= N; got '{text}'");
    }
}
