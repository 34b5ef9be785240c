using System.Globalization;

namespace SimLoop.Benchmarks;

/// <summary>
/// The <c>scale</c> mode (issue 14): cost per step and memory as hosts go 10 → 10,000, tasks 100 → 1,000,000, open
/// connections 10 → 100,000 and virtual time 1 s → 1 week of a timer-heavy workload. Prints a table and writes the
/// chart (<c>bench/scale.svg</c>, or the path after <c>--svg</c>). <c>--quick</c> stops each dimension a decade early;
/// <c>--only hosts|tasks|connections|time</c> runs one dimension.
/// </summary>
internal static class ScaleMode
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int onlyAt = Array.IndexOf(args, "--only");
        string? only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null;
        bool Runs(string dimension) => only is null || only == dimension;
        int svgAt = Array.IndexOf(args, "--svg");
        string svg = svgAt >= 0 && svgAt + 1 < args.Length ? args[svgAt + 1] : Path.Combine(ChildProcess.RepositoryRoot(), "bench", "scale.svg");

        // Warm-up: every workload once, small, so that the first point is not the JIT's.
        ScaleWorkloads.Hosts(100);
        ScaleWorkloads.Tasks(10_000);
        ScaleWorkloads.Connections(100);
        ScaleWorkloads.VirtualTime(TimeSpan.FromSeconds(1), "1 s");

        var points = new List<ScaleWorkloads.Point>();
        foreach (int h in Runs("hosts") ? Decades(10, quick ? 1_000 : 10_000) : [])
        {
            points.Add(Print(ScaleWorkloads.Hosts(h)));
        }

        foreach (int t in Runs("tasks") ? Decades(100, quick ? 100_000 : 1_000_000) : [])
        {
            points.Add(Print(ScaleWorkloads.Tasks(t)));
        }

        foreach (int c in Runs("connections") ? Decades(10, quick ? 10_000 : 100_000) : [])
        {
            points.Add(Print(ScaleWorkloads.Connections(c)));
        }

        (TimeSpan Span, string Label)[] spans =
        [
            (TimeSpan.FromSeconds(1), "1 s"), (TimeSpan.FromMinutes(1), "1 min"), (TimeSpan.FromHours(1), "1 h"),
            (TimeSpan.FromDays(1), "1 day"), (TimeSpan.FromDays(7), "1 week"),
        ];
        foreach ((TimeSpan span, string label) in Runs("time") ? spans : [])
        {
            points.Add(Print(ScaleWorkloads.VirtualTime(span, label)));
        }

        Console.WriteLine();
        Console.WriteLine("| Dimension | Size | Steps | Wall s | ns per step | Bytes per unit |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (ScaleWorkloads.Point p in points)
        {
            Console.WriteLine($"| {p.Dimension} | {p.SizeLabel} | {p.Steps.ToString("N0", s_inv)} | {p.WallSeconds.ToString("0.000", s_inv)} | {p.NsPerStep.ToString("N0", s_inv)} | {p.BytesPerUnit.ToString("N0", s_inv)} |");
        }

        File.WriteAllText(svg, ScaleChart.Render(points));
        Console.WriteLine();
        Console.WriteLine($"chart written to {svg}");
        return 0;
    }

    private static IEnumerable<int> Decades(int from, int to)
    {
        for (long n = from; n <= to; n *= 10)
        {
            yield return (int)n;
        }
    }

    private static ScaleWorkloads.Point Print(ScaleWorkloads.Point p)
    {
        Console.Error.WriteLine($"{p.Dimension} {p.SizeLabel}: {p.NsPerStep:N0} ns/step, {p.BytesPerUnit:N0} B/unit, {p.Steps:N0} steps, {p.WallSeconds:0.000} s");
        return p;
    }
}
