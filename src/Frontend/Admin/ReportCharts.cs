using System.Globalization;
using System.Net;
using System.Text;
using Aisle.Experiments;

namespace Aisle.Frontend.Admin;

/// <summary>
/// The experiment report's two charts as server-rendered SVG (no script, nothing to load): each variant's cumulative
/// conversion over time, and each variant's conversion lift over the control with its always-valid interval as a band.
/// Colours come from CSS classes (series-0…), so the page's stylesheet decides them and the CSP needs no inline style.
/// </summary>
public static class ReportCharts
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 28;

    public static string Conversion(ExperimentReport report)
    {
        var names = report.Variants.Select(v => v.Name).ToArray();
        var points = report.History;
        var max = points.SelectMany(p => p.Conversion.Values).DefaultIfEmpty(0).Max();
        var scale = new Scale(points, 0, Math.Max(max * 1.1, 0.01));
        var svg = Open("Cumulative conversion rate per variant", scale, percent: true);
        for (var i = 0; i < names.Length; i++)
        {
            var line = points.Select(p => (p.At, p.Conversion.GetValueOrDefault(names[i]))).ToArray();
            svg.Append(Line(scale, line, $"series-{i}", $"{names[i]} conversion"));
        }

        return Close(svg, names);
    }

    public static string Lift(ExperimentReport report)
    {
        var names = report.Variants.Where(v => !v.IsControl).Select(v => v.Name).ToArray();
        var points = report.History;
        // Intervals start infinitely wide; clip to a readable band around the lifts seen.
        var finite = points.SelectMany(p => p.Lift.Values).SelectMany(l => new[] { l.Lift, l.Low, l.High }).Where(double.IsFinite).ToArray();
        var low = Math.Max(-1, finite.DefaultIfEmpty(-0.5).Min());
        var high = Math.Min(3, finite.DefaultIfEmpty(0.5).Max());
        if (high - low < 0.1)
        {
            (low, high) = (low - 0.05, high + 0.05);
        }

        var scale = new Scale(points, Math.Min(low, 0), Math.Max(high, 0));
        var svg = Open($"Conversion lift over {report.Control} with its always-valid 95 % interval", scale, percent: true);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"zero\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{scale.Y(0):0.#}\" y2=\"{scale.Y(0):0.#}\"/>");
        for (var i = 0; i < names.Length; i++)
        {
            var series = points.Where(p => p.Lift.TryGetValue(names[i], out var l) && double.IsFinite(l.Lift))
                .Select(p => (p.At, p.Lift[names[i]])).ToArray();
            if (series.Length == 0)
            {
                continue;
            }

            var upper = series.Select(s => (s.At, scale.Clamp(s.Item2.High)));
            var lower = series.Reverse().Select(s => (s.At, scale.Clamp(s.Item2.Low)));
            var band = string.Join(" ", upper.Concat(lower).Select(p => $"{scale.X(p.At):0.#},{scale.Y(p.Item2):0.#}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"band series-{i + 1}\" points=\"{band}\"><title>{Encode(names[i])}: always-valid interval</title></polygon>");
            svg.Append(Line(scale, series.Select(s => (s.At, s.Item2.Lift)).ToArray(), $"series-{i + 1}", $"{names[i]} lift"));
        }

        return Close(svg, [report.Control, .. names], skipFirstInLegend: true);
    }

    private static StringBuilder Open(string title, Scale scale, bool percent)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(title)}\"><title>{Encode(title)}</title>");
        foreach (var tick in scale.Ticks())
        {
            var label = percent ? tick.ToString("0.#%", CultureInfo.InvariantCulture) : tick.ToString("0.##", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{scale.Y(tick):0.#}\" y2=\"{scale.Y(tick):0.#}\"/>" +
                $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{scale.Y(tick) + 4:0.#}\" text-anchor=\"end\">{label}</text>");
        }

        if (scale.Points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"axis\" x=\"{Left}\" y=\"{Height - 8}\">{scale.Points[0].At:HH:mm:ss}</text>" +
                $"<text class=\"axis\" x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{scale.Points[^1].At:HH:mm:ss} UTC</text>");
        }

        return svg;
    }

    private static string Close(StringBuilder svg, IReadOnlyList<string> names, bool skipFirstInLegend = false)
    {
        var x = Left + 8;
        for (var i = skipFirstInLegend ? 1 : 0; i < names.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"swatch series-{i}\" x=\"{x}\" y=\"{Top + 2}\" width=\"10\" height=\"10\"/><text class=\"legend\" x=\"{x + 14}\" y=\"{Top + 11}\">{Encode(names[i])}</text>");
            x += 24 + names[i].Length * 7;
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Line(Scale scale, IReadOnlyList<(DateTimeOffset At, double Value)> points, string css, string title)
    {
        if (points.Count == 0)
        {
            return "";
        }

        var coordinates = string.Join(" ", points.Select(p => $"{scale.X(p.At).ToString("0.#", CultureInfo.InvariantCulture)},{scale.Y(scale.Clamp(p.Value)).ToString("0.#", CultureInfo.InvariantCulture)}"));
        return $"<polyline class=\"line {css}\" points=\"{coordinates}\"><title>{Encode(title)}</title></polyline>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class Scale(IReadOnlyList<ReportPoint> points, double min, double max)
    {
        public IReadOnlyList<ReportPoint> Points => points;

        private readonly DateTimeOffset _start = points.Count > 0 ? points[0].At : DateTimeOffset.UnixEpoch;
        private readonly double _span = points.Count > 1 ? Math.Max(1, (points[^1].At - points[0].At).TotalSeconds) : 1;

        public double X(DateTimeOffset at) => Left + (at - _start).TotalSeconds / _span * (Width - Left - Right);

        public double Y(double value) => Top + (max - value) / (max - min) * (Height - Top - Bottom);

        public double Clamp(double value) => Math.Clamp(double.IsNaN(value) ? 0 : value, min, max);

        public IEnumerable<double> Ticks()
        {
            for (var i = 0; i <= 4; i++)
            {
                yield return min + (max - min) * i / 4;
            }
        }
    }
}
