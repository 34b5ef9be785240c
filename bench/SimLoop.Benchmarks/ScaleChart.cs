using System.Globalization;
using System.Text;

namespace SimLoop.Benchmarks;

/// <summary>
/// Draws the <c>scale</c> points as an SVG: two panels (ns per step; bytes per unit), x = decades above each
/// dimension's smallest point (log scale), one line per dimension. Flat lines are the goal.
/// </summary>
internal static class ScaleChart
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;
    private static readonly (string Dimension, string Colour, string Unit)[] s_series =
    [
        ("hosts", "#1f77b4", "per host (parked)"),
        ("tasks", "#d62728", "per task (parked)"),
        ("connections", "#2ca02c", "per open connection"),
        ("virtual time", "#9467bd", "per task, after the run"),
    ];

    private const int PanelWidth = 420, PanelHeight = 260, Left = 70, Top = 40, Gap = 90, Bottom = 120;

    public static string Render(IReadOnlyList<ScaleWorkloads.Point> points)
    {
        int width = Left + (2 * PanelWidth) + Gap + 30;
        int height = Top + PanelHeight + Bottom;
        var svg = new StringBuilder();
        svg.Append(s_inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(s_inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        Panel(svg, points, Left, "wall ns per loop step", p => p.NsPerStep);
        Panel(svg, points, Left + PanelWidth + Gap, "retained bytes per unit", p => p.BytesPerUnit);
        int y = Top + PanelHeight + 50;
        for (int i = 0; i < s_series.Length; i++)
        {
            (string dimension, string colour, string unit) = s_series[i];
            ScaleWorkloads.Point[] mine = [.. points.Where(p => p.Dimension == dimension)];
            string range = mine.Length == 0 ? "" : $"{mine[0].SizeLabel} → {mine[^1].SizeLabel}";
            int x = Left + ((i % 2) * (PanelWidth + Gap));
            int row = y + ((i / 2) * 20);
            svg.Append(s_inv, $"<line x1=\"{x}\" y1=\"{row - 4}\" x2=\"{x + 24}\" y2=\"{row - 4}\" stroke=\"{colour}\" stroke-width=\"3\"/>\n");
            svg.Append(s_inv, $"<text x=\"{x + 30}\" y=\"{row}\">{dimension}: {Escape(range)} (bytes {unit})</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, IReadOnlyList<ScaleWorkloads.Point> points, int x0, string title, Func<ScaleWorkloads.Point, double> value)
    {
        double max = Math.Max(1, points.Max(value)) * 1.1;
        double maxDecades = Math.Max(1, s_series.Max(s => Decades(points, s.Dimension)));
        svg.Append(s_inv, $"<text x=\"{x0}\" y=\"{Top - 12}\" font-weight=\"bold\">{title}</text>\n");
        svg.Append(s_inv, $"<rect x=\"{x0}\" y=\"{Top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int t = 0; t <= 4; t++)
        {
            double v = max * t / 4;
            double y = Top + PanelHeight - (PanelHeight * t / 4.0);
            svg.Append(s_inv, $"<line x1=\"{x0}\" y1=\"{y:0.0}\" x2=\"{x0 + PanelWidth}\" y2=\"{y:0.0}\" stroke=\"#eee\"/>\n");
            svg.Append(s_inv, $"<text x=\"{x0 - 6}\" y=\"{y + 4:0.0}\" text-anchor=\"end\">{v.ToString("N0", s_inv)}</text>\n");
        }

        for (int d = 0; d <= (int)Math.Ceiling(maxDecades); d++)
        {
            double x = x0 + (PanelWidth * d / maxDecades);
            if (x <= x0 + PanelWidth + 0.5)
            {
                svg.Append(s_inv, $"<text x=\"{x:0.0}\" y=\"{Top + PanelHeight + 16}\" text-anchor=\"middle\">×10^{d}</text>\n");
            }
        }

        svg.Append(s_inv, $"<text x=\"{x0 + (PanelWidth / 2)}\" y=\"{Top + PanelHeight + 34}\" text-anchor=\"middle\">size, decades above the smallest point (log scale)</text>\n");
        foreach ((string dimension, string colour, _) in s_series)
        {
            ScaleWorkloads.Point[] mine = [.. points.Where(p => p.Dimension == dimension)];
            if (mine.Length == 0)
            {
                continue;
            }

            var line = new StringBuilder();
            foreach (ScaleWorkloads.Point p in mine)
            {
                double x = x0 + (PanelWidth * Math.Log10(p.Size / (double)mine[0].Size) / maxDecades);
                double y = Top + PanelHeight - (PanelHeight * value(p) / max);
                line.Append(s_inv, $"{x:0.0},{y:0.0} ");
                svg.Append(s_inv, $"<circle cx=\"{x:0.0}\" cy=\"{y:0.0}\" r=\"3\" fill=\"{colour}\"/>\n");
            }

            svg.Append(s_inv, $"<polyline points=\"{line.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
        }
    }

    private static double Decades(IReadOnlyList<ScaleWorkloads.Point> points, string dimension)
    {
        ScaleWorkloads.Point[] mine = [.. points.Where(p => p.Dimension == dimension)];
        return mine.Length < 2 ? 0 : Math.Log10(mine[^1].Size / (double)mine[0].Size);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
