using System.Net;
using System.Text;
using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// <c>explore --html FILE</c>: a self-contained page with the exploration's summary and an inline SVG chart of it,
/// distinct behaviours and failing iterations (cumulative) against iterations, so a flattening coverage curve shows
/// when more iterations stop finding anything new. No script, no external resource; the same exploration writes the
/// same bytes.
/// </summary>
internal static class ExplorationChartWriter
{
    private const int Width = 720, Height = 320, Left = 56, Right = 16, Top = 16, Bottom = 40;

    public static string Page(ExplorationSummary summary)
    {
        ExplorationResult result = summary.Result;
        string title = WebUtility.HtmlEncode($"{summary.Settings.Scenario.Name}{(summary.Settings.Fixed ? " (fixed)" : "")}: {summary.Options.Strategy.ToString().ToLowerInvariant()}, base seed {summary.Options.BaseSeed}");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(title).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em}svg text{font-size:12px}.behaviours{stroke:#1f6feb}.failures{stroke:#d1242f}</style></head><body>\n")
            .Append("<h1>").Append(title).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(Invariant($"{result.IterationsRun} iterations, {result.Failures.Count} failing, {result.Coverage.DistinctBehaviours} distinct behaviours ({result.Coverage.NewInLastWindow} new in the last {result.Coverage.Window}).")))
            .Append("</p>\n")
            .Append(Chart(result))
            .Append("\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>The chart: x is the iteration, y the cumulative count of behaviours (blue) and failures (red).</summary>
    internal static string Chart(ExplorationResult result)
    {
        IReadOnlyList<int> behaviours = result.Coverage.DistinctAfter;
        int n = behaviours.Count;
        int[] failures = CumulativeFailures(result, n);
        int top = Math.Max(1, Math.Max(n == 0 ? 0 : behaviours[^1], n == 0 ? 0 : failures[^1]));
        double X(int i) => Left + ((Width - Left - Right) * (n <= 1 ? 0 : i / (double)(n - 1)));
        double Y(int v) => Height - Bottom - ((Height - Top - Bottom) * (v / (double)top));

        var svg = new StringBuilder()
            .Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"exploration chart\">\n"))
            .Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>"))
            .Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>\n"))
            .Append(Invariant($"<text x=\"{Left}\" y=\"{Height - 8}\">iteration 1</text><text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{n}</text>"))
            .Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\">{top}</text><text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\">0</text>\n"))
            .Append(Polyline("behaviours", n, i => X(i), i => Y(behaviours[i])))
            .Append(Polyline("failures", n, i => X(i), i => Y(failures[i])))
            .Append(Invariant($"<text x=\"{Left + 8}\" y=\"{Top + 12}\" fill=\"#1f6feb\">distinct behaviours</text>"))
            .Append(Invariant($"<text x=\"{Left + 8}\" y=\"{Top + 28}\" fill=\"#d1242f\">failing iterations</text>\n"))
            .Append("</svg>");
        return svg.ToString();
    }

    private static int[] CumulativeFailures(ExplorationResult result, int n)
    {
        var failing = new bool[n];
        foreach (FailureReport failure in result.Failures)
        {
            if (failure.Iteration is { } i && i < n)
            {
                failing[i] = true;
            }
        }

        var cumulative = new int[n];
        for (int i = 0, total = 0; i < n; i++)
        {
            total += failing[i] ? 1 : 0;
            cumulative[i] = total;
        }

        return cumulative;
    }

    private static string Polyline(string cssClass, int n, Func<int, double> x, Func<int, double> y)
    {
        var points = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            points.Append(Invariant($"{x(i):F1},{y(i):F1} "));
        }

        return Invariant($"<polyline class=\"{cssClass}\" fill=\"none\" stroke-width=\"2\" points=\"{points.ToString().TrimEnd()}\"/>\n");
    }

    private static string Invariant(FormattableString text) => CommonOptions.Invariant(text);
}
