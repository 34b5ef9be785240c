using System.Globalization;
using System.Text;
using SimLoop.Choices;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// Everything about one failing run: the seed and strategy that found it, the exception, the trace, the minimised
/// schedule, where its trace file is, and the one line that replays it.
/// </summary>
public sealed class FailureReport
{
    internal FailureReport(string testName, long? iteration, SimulationRun run, int[] minimizedChoices, ChoiceMinimization choices)
    {
        OriginalChoiceCount = run.ChoicesMade;
        MinimizedChoiceSequence = choices.Minimized;
        NeededChoiceClasses = choices.Needed;
        MinimizedContents = ChoiceSummary.Of(choices.Minimized);
        TestName = testName;
        Iteration = iteration;
        Seed = run.Seed;
        Strategy = run.Strategy;
        Swarm = run.Swarm;
        Exception = run.Failure!;
        Trace = run.Trace;
        OriginalChoices = run.Choices();
        MinimizedChoices = minimizedChoices;
        MinimizedTrace = choices.Run.Trace; // the run the trace file replays
    }

    /// <summary>The test (or exploration) that failed: the name the replay line filters on.</summary>
    public string TestName { get; }

    /// <summary>The failing run's swarm profile, or null when it ran as configured (the trace file keeps it for replays).</summary>
    public SwarmProfile? Swarm { get; }

    /// <summary>The iteration that failed (null when a single seed or a trace file was run).</summary>
    public long? Iteration { get; }

    /// <summary>The failing seed.</summary>
    public ulong Seed { get; }

    /// <summary>The strategy with its parameters.</summary>
    public string Strategy { get; }

    /// <summary>The exception that ended the run.</summary>
    public Exception Exception { get; }

    /// <summary>The failing run's trace.</summary>
    public ScheduleTrace Trace { get; }

    /// <summary>The choices the strategy made in the failing run.</summary>
    public IReadOnlyList<int> OriginalChoices { get; }

    /// <summary>The minimised choices (replayed with <see cref="ChoiceListStrategy"/>; FIFO past the end): no longer than <see cref="OriginalChoices"/>, and still failing with the same exception type.</summary>
    public IReadOnlyList<int> MinimizedChoices { get; }

    /// <summary>The trace of the minimised run: the one <see cref="MinimizedChoiceSequence"/> (the trace file) replays.</summary>
    public ScheduleTrace MinimizedTrace { get; }

    /// <summary>How many choices (scheduler picks and random draws) the failing run made.</summary>
    public long OriginalChoiceCount { get; }

    /// <summary>
    /// The minimised whole input: every choice of the minimised failing run, each stream's trailing simplest choices
    /// left out; replayed alone (no seed) by the trace file.
    /// </summary>
    public IReadOnlyList<Choice> MinimizedChoiceSequence { get; }

    /// <summary>What the minimised run contains that is not the simplest choice, stream by stream.</summary>
    public IReadOnlyList<ChoiceSummary> MinimizedContents { get; }

    /// <summary>
    /// The classes of choices the failure needs: resetting the minimised run's choices of such a class to the simplest
    /// makes it pass. Empty when the run fails with every choice at its simplest, or when it was not shrunk.
    /// </summary>
    public IReadOnlyList<ChoiceClass> NeededChoiceClasses { get; }

    /// <summary>What the failure needs, in words: "a reordering", "a timing and a fault", ...</summary>
    public string Needs => NeededChoiceClasses.Count == 0
        ? "no particular choice (it fails with every remaining choice at its simplest)"
        : string.Join(" and ", NeededChoiceClasses.Select(c => c switch
        {
            ChoiceClass.Ordering => "a reordering",
            ChoiceClass.Timing => "a timing",
            ChoiceClass.Fault => "a fault",
            _ => "particular values",
        }));

    /// <summary>The compact form of <see cref="MinimizedChoices"/>.</summary>
    public string ScheduleText => ScheduleString.Encode(MinimizedChoices);

    /// <summary>The JSON trace file written for this failure, or null if none was written.</summary>
    public string? TraceFilePath { get; internal set; }

    /// <summary>Why no trace file was written although a failure folder was set (for example it is not writable), or null.</summary>
    public string? TraceFileError { get; internal set; }

    /// <summary>
    /// The line that reruns the failing seed of this test only:
    /// <c>SIMLOOP_SEED=&lt;seed&gt; SIMLOOP_TEST=&lt;test&gt; dotnet test --filter "FullyQualifiedName~&lt;test&gt;"</c>
    /// (<c>SIMLOOP_TEST</c> keeps the other explorations of the run at all their iterations).
    /// </summary>
    public string ReplayLine => $"SIMLOOP_SEED={Seed.ToString(CultureInfo.InvariantCulture)} {TestCommand}";

    /// <summary>The line that replays the minimised schedule from <see cref="TraceFilePath"/> in this test only, or null if no file was written.</summary>
    public string? ReplayFileLine => TraceFilePath is null ? null : $"SIMLOOP_REPLAY={ShellWord(TraceFilePath)} {TestCommand}";

    private string TestCommand => $"SIMLOOP_TEST={ShellWord(TestName)} dotnet test --filter \"FullyQualifiedName~{TestName}\"";

    // Names and paths of letters, digits and . _ - / ~ + , : stay bare; anything else is single-quoted for a POSIX shell.
    private static string ShellWord(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or '~' or '+' or ',' or ':')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The report as the trace file.</summary>
    public ScheduleTraceFile ToTraceFile()
    {
        var file = new ScheduleTraceFile
        {
            TestName = TestName,
            Seed = Seed,
            Strategy = Strategy,
            Swarm = Swarm,
            ExceptionType = Exception.GetType().FullName,
            ExceptionMessage = Exception.Message,
            OriginalChoices = ScheduleString.Encode(OriginalChoices),
            Choices = ScheduleString.Encode(MinimizedTrace.Choices()),
            OriginalChoiceCount = OriginalChoiceCount,
            TraceHash = MinimizedTrace.Hash(),
            ReplayLine = ReplayFileLine,
        };
        file.SetDecisions(MinimizedTrace.Decisions);
        file.SetChoices(MinimizedChoiceSequence);
        return file;
    }

    /// <summary>The report: what failed, the seed, the schedule string, the trace file and the replay line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        string where = Iteration is { } i ? string.Create(CultureInfo.InvariantCulture, $" in iteration {i}") : "";
        sb.Append(CultureInfo.InvariantCulture, $"Simulation failed{where} (seed {Seed}, strategy {Strategy}): {Exception.GetType().Name}: {Exception.Message}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  schedule: {ScheduleText} (minimised from {OriginalChoices.Count} to {MinimizedChoices.Count} decisions)\n");
        string contents = MinimizedContents.Count == 0 ? "every choice at its simplest" : string.Join("; ", MinimizedContents);
        sb.Append(CultureInfo.InvariantCulture, $"  choices: minimised from {OriginalChoiceCount} to {MinimizedChoiceSequence.Count}; the bug needs {Needs}: {contents}\n");
        if (TraceFilePath is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  trace file: {TraceFilePath}\n");
        }

        if (TraceFileError is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  no trace file: {TraceFileError}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  replay: {ReplayLine}");
        if (ReplayFileLine is { } fileLine)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n  or replay the minimised schedule: {fileLine}");
        }

        return sb.ToString();
    }
}
