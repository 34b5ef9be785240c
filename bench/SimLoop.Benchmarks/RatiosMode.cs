using System.Globalization;
using System.Text.Json;

namespace SimLoop.Benchmarks;

/// <summary>
/// The <c>ratios</c> mode (issue 14): every headline pair measured side by side in one process run, repeated and
/// interleaved (each round measures the reference and SimLoop back to back), so that a ratio compares readings taken
/// under the same load. Prints a table, or with <c>--json</c> one JSON object.
/// </summary>
internal static class RatiosMode
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private const int Halves = 100_000;
    private const int FakeTimers = 100_000;
    private const int Advances = 1_000;
    private const int Timers = 1_000_000;
    private const int EchoIterations = 200;
    private const int DeadlockIterations = 200;
    private const int IdleTasks = 20_000;

    public static int Run(string[] args)
    {
        bool json = args.Contains("--json");
        int rounds = OptionValue(args, "--rounds") ?? 7;
        var rows = new List<Row>();
        TextWriter log = json ? Console.Error : Console.Out;
        log.WriteLine($"ratios: {rounds} rounds, runtime {Environment.Version}, {Environment.ProcessorCount} cores, load {Load()}");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Progress(string what) => log.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
        Warm();
        Progress("warmed up");

        // 1. Scheduling step against the bare pump, default and lean options (LoopFuture ping-pong).
        var pump = new List<double>();
        var step = new List<double>();
        var lean = new List<double>();
        var tcsLean = new List<double>();
        // Each round: every workload warmed, then its fastest of >= 250 ms of runs; the pump is read before and after
        // the SimLoop workloads and its faster reading kept, and each ratio is taken within the round (paired), so a
        // change of load between rounds moves both sides of a ratio together.
        for (int r = 0; r < rounds; r++)
        {
            double pumpBefore = RatioMeasurements.BestNsPerHalf(Workloads.BarePumpPingPong, Halves);
            step.Add(RatioMeasurements.BestNsPerHalf(h => Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), h), Halves));
            lean.Add(RatioMeasurements.BestNsPerHalf(h => Workloads.LoopFuturePingPong(Workloads.LeanLoop(), h), Halves));
            tcsLean.Add(RatioMeasurements.BestNsPerHalf(h => Workloads.TcsPingPong(Workloads.LeanLoop(), h), Halves));
            pump.Add(Math.Min(pumpBefore, RatioMeasurements.BestNsPerHalf(Workloads.BarePumpPingPong, Halves)));
        }

        rows.Add(Row.PairedRatio("stepVsPump", "ping-pong step, LoopFuture, default options / bare pump (ns), per round", step, pump, "<= 2.0", v => v <= 2.0));
        rows.Add(Row.PairedRatio("stepVsPumpLean", "the same, lean options / bare pump", lean, pump, "", null));
        rows.Add(Row.PairedRatio("stepVsPumpTcsLean", "ping-pong step, TaskCompletionSource, lean / bare pump", tcsLean, pump, "", null));
        rows.Add(Row.Single("stepNs", "ping-pong step, default options (ns)", step, "", null));
        rows.Add(Row.Single("pumpStepNs", "bare pump step (ns)", pump, "", null));

        Progress("step ratios");
        // 2. CPython asyncio on the same ping-pong, a child process bounded in real time.
        string script = Path.Combine(ChildProcess.RepositoryRoot(), "bench", "python", "asyncio_bench.py");
        ChildProcess.Outcome py = ChildProcess.Run("python3", [script, "--only", "ping-pong", "--json", "--repeat", rounds.ToString(s_inv), "--halves", Halves.ToString(s_inv)], TimeSpan.FromSeconds(120));
        double? cpythonNs = null;
        if (py.Ok)
        {
            using JsonDocument doc = JsonDocument.Parse(py.Stdout);
            cpythonNs = doc.RootElement.GetProperty("pingPongNsPerStepMedian").GetDouble();
        }

        List<double> stepAfter = [.. Enumerable.Range(0, rounds).Select(_ => RatioMeasurements.BestNsPerHalf(h => Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), h), Halves))];
        if (cpythonNs is { } c)
        {
            rows.Add(Row.Ratio("vsCpython", "CPython asyncio ping-pong step / SimLoop's (default options)", [c], [Median([.. step, .. stepAfter])], ">= 20", v => v >= 20));
            rows.Add(Row.Ratio("vsCpythonLean", "CPython asyncio / SimLoop lean", [c], [Median(lean)], "", null));
            rows.Add(Row.Single("cpythonStepNs", "CPython asyncio ping-pong step (ns, median of its rounds)", [c], "", null));
        }
        else
        {
            rows.Add(Row.Missing("vsCpython", "CPython asyncio ping-pong / SimLoop's", ">= 20", py.Error));
        }

        Progress("CPython");
        // 3. FakeTimeProvider against the loop's TimeProvider: 100,000 one-shot timers, ~1,000 Advance / RunFor calls.
        int fakeTimers = OptionValue(args, "--fake-timers") ?? FakeTimers; // FakeTimeProvider is O(n) per fired timer
        long[] due100k = Workloads.DueTimes(fakeTimers);
        var fake = new List<double>();
        var ours = new List<double>();
        int fakeRounds = OptionValue(args, "--fake-rounds") ?? 1; // one FakeTimeProvider round takes many seconds
        WarmTimers(due100k); // like every other workload: the timer paths tier up before they are timed
        for (int r = 0; r < fakeRounds; r++)
        {
            ours.Add(RatioMeasurements.SimLoopNsPerTimer(due100k, Advances));
            fake.Add(RatioMeasurements.FakeTimeProviderNsPerTimer(due100k, Advances));
            ours.Add(RatioMeasurements.SimLoopNsPerTimer(due100k, Advances));
        }

        rows.Add(Row.Ratio(fakeTimers == FakeTimers ? "vsFakeTimeProvider100k" : $"vsFakeTimeProvider{fakeTimers}", $"FakeTimeProvider / loop.TimeProvider, ns per timer, {fakeTimers:N0} timers, {Advances:N0} advances", fake, ours, ">= 1000", v => v >= 1000));
        rows.Add(Row.Single("fakeTimeProviderNsPerTimer", "FakeTimeProvider ns per timer", fake, "", null));
        rows.Add(Row.Single("simLoopNsPerTimerFakeWorkload", "loop.TimeProvider ns per timer (the same workload)", ours, "", null));

        Progress("FakeTimeProvider");
        // 4. Timers per second, echo iterations per second, a deadlocking iteration, an idle task.
        long[] due1m = Workloads.DueTimes(Timers);
        rows.Add(Row.Single("timersPerSecond", "TimeProvider timers created+fired per second (1,000,000, default options)", Repeat(Math.Min(rounds, 3), () => RatioMeasurements.TimersPerSecond(due1m)), "", null));

        Progress("timers per second");
        var echo = new List<double>();
        var echoLean = new List<double>();
        var echo2 = new List<double>();
        double stepsPerIteration = 0;
        for (int r = 0; r < Math.Min(rounds, 3); r++)
        {
            (double perSecond, double steps) = RatioMeasurements.EchoIterationsPerSecond(EchoIterations, 1, lean: false);
            echo.Add(perSecond);
            stepsPerIteration = steps;
            echoLean.Add(RatioMeasurements.EchoIterationsPerSecond(EchoIterations, 1, lean: true).PerSecond);
            echo2.Add(RatioMeasurements.EchoIterationsPerSecond(EchoIterations, 2, lean: false).PerSecond);
        }

        rows.Add(Row.Single("echoIterationsPerSecond", $"echo workload (10 clients x 100 messages, {stepsPerIteration:N0} steps), explored iterations/s, 1 worker, default options", echo, ">= 1000", v => v >= 1000));
        rows.Add(Row.Single("echoIterationsPerSecondLean", "the same, lean options", echoLean, "", null));
        rows.Add(Row.Single("echoIterationsPerSecondParallel2", "the same, default options, --parallel 2", echo2, "", null));
        rows.Add(Row.PairedRatio("parallel2VsParallel1", "--parallel 2 / --parallel 1 (echo, default options), per round", echo2, echo, ">= 1.8", v => v >= 1.8));
        rows.Add(Row.Single("echoStepsPerIteration", "echo workload steps per iteration", [stepsPerIteration], "", null));

        Progress("echo exploration");
        var deadlock = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            deadlock.Add(RatioMeasurements.DeadlockIterationMs(DeadlockIterations).Ms);
        }

        rows.Add(Row.Single("deadlockIterationMs", $"lost-wakeup deadlock, explored, wall ms per iteration ({DeadlockIterations} iterations)", deadlock, "<= 2", v => v <= 2));
        Progress("deadlock");
        rows.Add(Row.Single("idleTaskBytes", $"retained bytes per idle task, default options ({IdleTasks:N0} tasks)", Repeat(3, () => RatioMeasurements.IdleTaskBytes(IdleTasks, lean: false)), "<= 1024", v => v <= 1024));
        rows.Add(Row.Single("idleTaskBytesLean", "the same, lean options", Repeat(3, () => RatioMeasurements.IdleTaskBytes(IdleTasks, lean: true)), "", null));

        Progress("idle task");
        // 5. Coyote on the same check-then-act bug, where its tool runs here.
        rows.AddRange(CoyoteComparison.Measure(rounds));

        Progress("Coyote");
        log.WriteLine($"load at the end {Load()}");
        if (json)
        {
            WriteJson(rows);
        }
        else
        {
            WriteTable(rows);
        }

        return 0;
    }

    private static void Warm()
    {
        Workloads.BarePumpPingPong(Halves);
        Workloads.LoopFuturePingPong(Workloads.DefaultLoop(), Halves);
        Workloads.LoopFuturePingPong(Workloads.LeanLoop(), Halves);
        Workloads.TcsPingPong(Workloads.LeanLoop(), Halves);
        RatioMeasurements.EchoIterationsPerSecond(50, 1, lean: false);
        RatioMeasurements.DeadlockIterationMs(50);
    }

    /// <summary>Runs the SimLoop timer workload for about a second (at least 3 times): its first runs are not tiered up yet.</summary>
    private static void WarmTimers(long[] dueTicks)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 3 || (i < 20 && clock.Elapsed < TimeSpan.FromSeconds(1)); i++)
        {
            RatioMeasurements.SimLoopNsPerTimer(dueTicks, Advances);
        }
    }

    private static List<double> Repeat(int n, Func<double> measure) => [.. Enumerable.Range(0, n).Select(_ => measure())];

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int? OptionValue(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], s_inv) : null;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static void WriteTable(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| Field | What | Median | Spread (min–max) | Target | Status |");
        Console.WriteLine("|---|---|---:|---:|---|---|");
        foreach (Row row in rows)
        {
            string spread = row.Value is null ? "" : $"{Format(row.Min)}–{Format(row.Max)}";
            Console.WriteLine($"| `{row.Field}` | {row.What} | {(row.Value is { } v ? Format(v) : "—")} | {spread} | {row.Target} | {row.Status} |");
        }
    }

    private static void WriteJson(List<Row> rows)
    {
        using var stream = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        foreach (Row row in rows.Where(r => r.Value is not null))
        {
            writer.WriteNumber(row.Field, Math.Round(row.Value!.Value, 4));
        }

        writer.WriteStartObject("spread");
        foreach (Row row in rows.Where(r => r.Value is not null))
        {
            writer.WriteStartArray(row.Field);
            writer.WriteNumberValue(Math.Round(row.Min, 4));
            writer.WriteNumberValue(Math.Round(row.Max, 4));
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("status");
        foreach (Row row in rows.Where(r => r.Status.Length > 0))
        {
            writer.WriteString(row.Field, row.Status);
        }

        writer.WriteEndObject();
        writer.WriteString("load", Load());
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string Format(double v) => Math.Abs(v) >= 100 ? v.ToString("N0", s_inv) : v.ToString("0.00", s_inv);

    /// <summary>One reported figure: its median over rounds and the spread of the rounds.</summary>
    internal sealed record Row(string Field, string What, double? Value, double Min, double Max, string Target, string Status)
    {
        public static Row Single(string field, string what, IReadOnlyList<double> samples, string target, Func<double, bool>? met)
        {
            double median = Median(samples);
            return new Row(field, what, median, samples.Min(), samples.Max(), target, met is null ? "" : met(median) ? "met" : "missed");
        }

        /// <summary>Median of <paramref name="top"/> over median of <paramref name="bottom"/>; the spread pairs the extremes.</summary>
        public static Row Ratio(string field, string what, IReadOnlyList<double> top, IReadOnlyList<double> bottom, string target, Func<double, bool>? met)
        {
            double ratio = Median(top) / Median(bottom);
            return new Row(field, what, ratio, top.Min() / bottom.Max(), top.Max() / bottom.Min(), target, met is null ? "" : met(ratio) ? "met" : "missed");
        }

        /// <summary>
        /// The median of the per-round ratios <paramref name="top"/>[r] / <paramref name="bottom"/>[r] (both read in
        /// the same round, under the same load); the spread is the per-round ratios' min–max.
        /// </summary>
        public static Row PairedRatio(string field, string what, IReadOnlyList<double> top, IReadOnlyList<double> bottom, string target, Func<double, bool>? met)
        {
            double[] ratios = [.. top.Zip(bottom, (t, b) => t / b)];
            double ratio = Median(ratios);
            return new Row(field, what, ratio, ratios.Min(), ratios.Max(), target, met is null ? "" : met(ratio) ? "met" : "missed");
        }

        public static Row Missing(string field, string what, string target, string error) =>
            new(field, what, null, double.NaN, double.NaN, target, "not measured: " + error.Replace('|', '/'));
    }
}
