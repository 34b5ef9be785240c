using System.Diagnostics;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// Runs an exploration: the iterations (on one thread, or on dedicated threads with one loop each), then the
/// report of the first failure (shrunk, written to a file). Results depend only on the options, never on
/// parallelism: every iteration's seed is fixed in advance, and when stopping at the first failure, iterations after
/// the lowest failing index are discarded even if a thread already ran them.
/// </summary>
internal sealed class ExplorationRunner(Func<SimulatedEventLoop, CancellationToken, Task> body, ExplorationOptions options, string testName)
{
    private readonly object _progressGate = new();
    private long _done;
    private long _failed;
    private readonly HashSet<ulong> _behavioursSeen = new();
    private readonly Queue<bool> _recentNew = new();
    private long _recentNewCount;

#pragma warning disable RS0030 // Wall-clock time measured only for the throughput report; it never reaches a decision.
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    private TimeSpan WallClockElapsed => Stopwatch.GetElapsedTime(_startTimestamp);
#pragma warning restore RS0030

    public ExplorationResult Run()
    {
        if (options.ReplayFile is { } path)
        {
            return Finish(ReplayFile(path, out SimulationRun replayed), 1, [replayed]);
        }

        var plan = new IterationPlan(options, options.PctExpectedSteps ?? CalibratePct());
        if (options.Strategy == ExplorationStrategy.Exhaustive)
        {
            return SearchExhaustively(plan, options.OnlySeed ?? options.BaseSeed);
        }

        if (options.OnlySeed is { } seed)
        {
            SimulationRun run = RunSeed(plan, seed, out NondeterminismException? nondeterminism);
            ThrowIf(nondeterminism);
            var reports = run.Failed ? new[] { Report(plan, null, run, shrink: options.Shrink) } : [];
            return Finish(reports, 1, [run]);
        }

        int count = options.Iterations;
        var failing = new SimulationRun?[count];
        var nondeterministic = new NondeterminismException?[count];
        var steps = new long[count];
        var ticks = new long[count];
        var keys = new ulong[count];
        long next = -1;
        long stopAt = long.MaxValue;
        void Work()
        {
            long i;
            while ((i = Interlocked.Increment(ref next)) < count && i <= Interlocked.Read(ref stopAt))
            {
                SimulationRun run = RunSeed(plan, plan.SeedOf(i), out nondeterministic[i]);
                steps[i] = run.Steps;
                ticks[i] = run.VirtualTime.Ticks;
                keys[i] = BehaviourKey.Of(run);
                if (run.Failed || nondeterministic[i] is not null)
                {
                    failing[i] = run;
                    if (options.StopOnFirstFailure)
                    {
                        LowerTo(ref stopAt, i);
                    }
                }

                ReportProgress(count, run.Failed, keys[i]);
            }
        }

        if (options.DegreeOfParallelism == 1)
        {
            Work();
        }
        else
        {
            // Independent seeds on dedicated threads, one loop per thread: loops share nothing, so this is safe.
            var threads = Enumerable.Range(0, options.DegreeOfParallelism)
                .Select(n => new Thread(Work) { IsBackground = true, Name = $"SimLoop explorer {n}" })
                .ToArray();
            Array.ForEach(threads, t => t.Start());
            Array.ForEach(threads, t => t.Join());
        }

        long ran = Math.Min(count, stopAt == long.MaxValue ? count : stopAt + 1);
        ThrowIf(nondeterministic.Take((int)ran).FirstOrDefault(n => n is not null));
        var failures = new List<FailureReport>();
        for (int i = 0; i < ran; i++)
        {
            if (failing[i] is { } run)
            {
                failures.Add(Report(plan, i, run, shrink: options.Shrink && failures.Count == 0));
            }
        }

        return Finish(failures, ran, steps.Take((int)ran).Sum(), TimeSpan.FromTicks(ticks.Take((int)ran).Sum()), keys[..(int)ran]);
    }

    private ExplorationResult SearchExhaustively(IterationPlan plan, ulong seed)
    {
        // The search is deterministic from its seed, so SIMLOOP_SEED reruns the whole search and meets the same failure.
        var search = new BoundedExhaustiveSearch(options.PreemptionBound, strategy => Simulation.Execute(plan.OptionsFor(seed, strategy), body));
        (List<SimulationRun> runs, _) = search.Search(options.Iterations, r => ReportProgress(options.Iterations, r.Failed, BehaviourKey.Of(r)));
        SimulationRun last = runs[^1];
        FailureReport[] failures = last.Failed ? [Report(plan, runs.Count - 1, last, options.Shrink)] : [];
        return Finish(failures, runs.Count, runs);
    }

    private SimulationRun RunSeed(IterationPlan plan, ulong seed, out NondeterminismException? nondeterminism)
    {
        SimulationRun run = Simulation.Execute(plan.OptionsFor(seed, plan.StrategyFor(seed)), body);
        nondeterminism = null;
        if (options.CheckDeterminism)
        {
            SimulationRun again = Simulation.Execute(plan.OptionsFor(seed, plan.StrategyFor(seed)), body);
            try
            {
                NondeterminismException.ThrowIfDifferent(seed, run.Trace, again.Trace);
            }
            catch (NondeterminismException ex)
            {
                nondeterminism = ex;
            }
        }

        return run;
    }

    private int CalibratePct()
    {
        if (options.Strategy is not (ExplorationStrategy.Pct or ExplorationStrategy.Portfolio))
        {
            return 1;
        }

        SimulationOptions calibration = options.Simulation.Clone();
        calibration.Seed = SeedDerivation.Derive(options.BaseSeed, "pct.calibration");
        calibration.StrategyFactory = null; // FIFO
        calibration.RecordTrace = false;
        return Math.Max(1, Simulation.Execute(calibration, body).Trace.Decisions.Count);
    }

    private FailureReport Report(IterationPlan plan, long? iteration, SimulationRun run, bool shrink)
    {
        FailureReport report = new FailureMinimizer(o => Simulation.Execute(o, body), plan.OptionsFor, options.ShrinkBudget)
            .Report(testName, iteration, run, shrink);
        if (options.FailureFolder is { } folder)
        {
            string path = Path.GetFullPath(Path.Combine(folder, $"{SafeFileName(testName)}-{run.Seed}.json"));
            try
            {
                report.ToTraceFile().Write(path);
                report.TraceFilePath = path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                // The failure is the report; the file is a convenience: say why it is missing, never lose the failure.
                report.TraceFileError = $"the trace file could not be written to {path}: {ex.Message}";
            }
        }

        return report;
    }

    private IReadOnlyList<FailureReport> ReplayFile(string path, out SimulationRun run)
    {
        ScheduleTraceFile file = ScheduleTraceFile.Read(path);
        run = Simulation.Replay(file, body, options.Simulation);
        ReportProgress(1, run.Failed, BehaviourKey.Of(run));
        return run.Failed ? [new FailureReport(testName, null, run, run.Choices(), new ChoiceMinimization(run.ChoiceSequence, run, [])) { TraceFilePath = Path.GetFullPath(path) }] : [];
    }

    private ExplorationResult Finish(IReadOnlyList<FailureReport> failures, long ran, IEnumerable<SimulationRun> runs) =>
        Finish(failures, ran, runs.Sum(r => r.Steps), TimeSpan.FromTicks(runs.Sum(r => r.VirtualTime.Ticks)), runs.Select(BehaviourKey.Of).ToArray());

    private ExplorationResult Finish(IReadOnlyList<FailureReport> failures, long ran, long steps, TimeSpan simulated, ulong[] behaviourKeys)
    {
        if (failures.Count > 0 && options.ThrowOnFailure)
        {
            throw new SimulationFailureException(failures[0]);
        }

        return new ExplorationResult(ran, failures, steps, simulated, WallClockElapsed, new ExplorationCoverage(behaviourKeys));
    }

    private void ReportProgress(long planned, bool failed, ulong behaviour)
    {
        lock (_progressGate)
        {
            _done++;
            _failed += failed ? 1 : 0;
            bool isNew = _behavioursSeen.Add(behaviour);
            _recentNew.Enqueue(isNew);
            _recentNewCount += isNew ? 1 : 0;
            if (_recentNew.Count > ExplorationCoverage.WindowFor(planned))
            {
                _recentNewCount -= _recentNew.Dequeue() ? 1 : 0;
            }

            options.Progress?.Invoke(new ExplorationProgress(_done, planned, _failed, _behavioursSeen.Count, _recentNewCount));
        }
    }

    private static void ThrowIf(NondeterminismException? exception)
    {
        if (exception is not null)
        {
            throw exception;
        }
    }

    private static void LowerTo(ref long target, long value)
    {
        long seen;
        while (value < (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static string SafeFileName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray());
}
