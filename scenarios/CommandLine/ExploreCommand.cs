using System.CommandLine;
using SimLoop.Exploration;
using SimLoop.Scenarios.Rendering;
using Spectre.Console;

namespace SimLoop.Scenarios.CommandLine;

/// <summary><c>explore &lt;scenario&gt;</c>: many seeds, a live progress line, a summary, and on a bug how to replay it.</summary>
internal sealed class ExploreCommand
{
    private readonly CommonOptions _common;
    private readonly Option<int?> _iterations = new("--iterations") { Description = "How many seeds to run (default: the scenario's budget)." };
    private readonly Option<int> _parallel = new("--parallel") { Description = "Seeds run at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private readonly Option<string?> _shard = new("--shard") { Description = "Run slice I of N of the seed space, written I/N (1-based)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print a machine-readable result instead of the report." };
    private readonly Option<bool> _keepGoing = new("--keep-going") { Description = "Run every iteration and report every failing seed." };
    private readonly Option<string> _failureFolder = new("--failure-folder") { Description = "Where failure traces are written.", DefaultValueFactory = _ => "simloop-failures" };

    public ExploreCommand(CommonOptions common)
    {
        _common = common;
        Command = new Command("explore", "Run a scenario over many seeds and report the first bug found.");
        common.AddRunOptions(Command);
        Command.Options.Add(_iterations);
        Command.Options.Add(common.Seed);
        Command.Options.Add(_parallel);
        Command.Options.Add(_shard);
        Command.Options.Add(_json);
        Command.Options.Add(_keepGoing);
        Command.Options.Add(_failureFolder);
    }

    public Command Command { get; }

    public int Execute(ParseResult parse, CommandOutput output)
    {
        RunSettings settings = _common.Settings(parse);
        int iterations = parse.GetValue(_iterations) ?? settings.Scenario.Budget;
        int parallel = parse.GetValue(_parallel);
        if (iterations < 1)
        {
            throw new UsageException($"--iterations must be at least 1; got {iterations}");
        }

        if (parallel < 1)
        {
            throw new UsageException($"--parallel must be at least 1; got {parallel}");
        }

        (int shardIndex, int shardCount) = ParseShard(parse.GetValue(_shard));
        ExplorationOptions options = settings.ExplorationOptions();
        options.Iterations = iterations;
        options.BaseSeed = parse.GetValue(_common.Seed) ?? 0;
        options.DegreeOfParallelism = parallel;
        options.ShardIndex = shardIndex;
        options.ShardCount = shardCount;
        options.StopOnFirstFailure = !parse.GetValue(_keepGoing);
        options.ThrowOnFailure = false;
        options.FailureFolder = parse.GetValue(_failureFolder);

        var tracker = new ExplorationTracker(iterations);
        options.Progress = tracker.OnProgress;
        Func<SimulatedEventLoop, CancellationToken, Task> body = ScenarioRunner.ObservedBody(settings);
        bool json = parse.GetValue(_json);
        ExplorationResult result = json || !output.IsTerminal
            ? RunWithPlainProgress(body, options, settings, tracker, json ? null : output)
            : RunWithLiveProgress(body, options, settings, tracker, output.Console);

        FailureReport? first = result.Failures.FirstOrDefault();
        if (first?.TraceFilePath is { } path)
        {
            RewriteReplayLine(path, settings);
        }

        var summary = new ExplorationSummary(settings, options, result, tracker);
        if (json)
        {
            output.Out.WriteLine(summary.ToJson());
        }
        else
        {
            ExplorationReportRenderer.Render(output.Console, summary);
        }

        return result.Passed ? 0 : 1;
    }

    private static ExplorationResult RunWithPlainProgress(Func<SimulatedEventLoop, CancellationToken, Task> body, ExplorationOptions options, RunSettings settings, ExplorationTracker tracker, CommandOutput? output)
    {
        if (output is not null)
        {
            output.Out.WriteLine(CommonOptions.Invariant($"Exploring {settings.Scenario.Name}{(settings.Fixed ? " (fixed)" : "")}: {options.Iterations} iterations, strategy {options.Strategy.ToString().ToLowerInvariant()}, base seed {options.BaseSeed}, {options.DegreeOfParallelism} in parallel"));
            tracker.PlainLine = line => output.Out.WriteLine(line);
        }

        return Simulation.Explore(body, options, settings.Scenario.Name);
    }

    private static ExplorationResult RunWithLiveProgress(Func<SimulatedEventLoop, CancellationToken, Task> body, ExplorationOptions options, RunSettings settings, ExplorationTracker tracker, IAnsiConsole console)
    {
        ExplorationResult? result = null;
        console.Status().Spinner(Spinner.Known.Dots).Start($"Exploring {settings.Scenario.Name}...", status =>
        {
            tracker.LiveLine = line => status.Status(Markup.Escape(line));
            result = Simulation.Explore(body, options, settings.Scenario.Name);
        });
        return result!;
    }

    /// <summary>The trace file's replay line names this command line, not a test filter.</summary>
    private static void RewriteReplayLine(string path, RunSettings settings)
    {
        ScheduleTraceFile file = ScheduleTraceFile.Read(path);
        file.ReplayLine = settings.ReplayCommand("replay", null, path);
        file.Write(path);
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
