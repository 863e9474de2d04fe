using System.Globalization;
using System.Text;

namespace Aisle.Cli.Evaluation;

/// <summary>Writes an evaluation as <c>report.md</c> (tables) and <c>hr-ndcg-at-10.svg</c> (a bar chart) into a folder.</summary>
public static class ReportWriter
{
    public const string ChartFile = "hr-ndcg-at-10.svg";

    public static string Write(EvaluationRun run, string folder)
    {
        Directory.CreateDirectory(folder);
        var anchors = PublishedResults.AppliesTo(run.DataFile) ? PublishedResults.Beauty : [];
        File.WriteAllText(Path.Combine(folder, ChartFile), Chart(run, anchors));
        var path = Path.Combine(folder, "report.md");
        File.WriteAllText(path, Markdown(run, anchors));
        return path;
    }

    public static string Markdown(EvaluationRun run, IReadOnlyList<PublishedResult> anchors)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Evaluation: {Path.GetFileName(run.DataFile)}");
        md.AppendLine();
        md.AppendLine($"{run.Users:N0} users, {run.Items:N0} items, {run.Interactions:N0} interactions; leave-one-out (last item test, the one " +
                      $"before validation), full ranking over all items, items the user had excluded. {run.ReplayedEvents:N0} events replayed " +
                      $"through the live grains ({run.RejectedEvents:N0} rejected); total run time {Seconds(run.Total)}.");
        md.AppendLine();
        md.AppendLine("## Test item");
        md.AppendLine();
        md.AppendLine("| strategy | HR@5 | HR@10 | HR@20 | NDCG@5 | NDCG@10 | NDCG@20 |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in run.Results)
        {
            md.AppendLine($"| {r.Strategy} | {F(r.Test.HitRate[5])} | {F(r.Test.HitRate[10])} | {F(r.Test.HitRate[20])} | {F(r.Test.Ndcg[5])} | {F(r.Test.Ndcg[10])} | {F(r.Test.Ndcg[20])} |");
        }

        foreach (var a in anchors)
        {
            md.AppendLine($"| *{a.Model}* (published: {a.Source}) | | {F(a.HitRate10)} | {F(a.HitRate20)} | | {F(a.Ndcg10)} | {F(a.Ndcg20)} |");
        }

        md.AppendLine();
        md.AppendLine($"![HR@10 and NDCG@10]({ChartFile})");
        md.AppendLine();
        md.AppendLine("## Validation item (what tuning saw)");
        md.AppendLine();
        md.AppendLine("| strategy | HR@10 | NDCG@10 | HR@20 | NDCG@20 |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var r in run.Results)
        {
            md.AppendLine($"| {r.Strategy} | {F(r.Validation.HitRate[10])} | {F(r.Validation.Ndcg[10])} | {F(r.Validation.HitRate[20])} | {F(r.Validation.Ndcg[20])} |");
        }

        md.AppendLine();
        md.AppendLine("Hybrid weights after tuning: " + string.Join(", ", run.TunedOptions.Select(o => $"`{o.Name}={o.Value}`")) + ".");
        md.AppendLine();
        md.AppendLine($"Learned model: trained on the training items only in {run.Model.Time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s " +
                      $"(training and neighbour lists), process peak working set {(run.Model.PeakWorkingSetBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture)} MB; {run.Model.Settings}.");
        md.AppendLine();
        md.AppendLine("## Run time");
        md.AppendLine();
        md.AppendLine("| stage | seconds |");
        md.AppendLine("| --- | --- |");
        foreach (var (stage, elapsed) in run.Timings)
        {
            md.AppendLine($"| {stage} | {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} |");
        }

        return md.ToString();
    }

    /// <summary>Grouped horizontal bars: HR@10 and NDCG@10 of each strategy, then each published anchor.</summary>
    public static string Chart(EvaluationRun run, IReadOnlyList<PublishedResult> anchors)
    {
        var rows = run.Results.Select(r => (Label: "Aisle " + r.Strategy, Hr: r.Test.HitRate[10], Ndcg: r.Test.Ndcg[10], Ours: true))
            .Concat(anchors.Select(a => (Label: a.Model, Hr: a.HitRate10, Ndcg: a.Ndcg10, Ours: false)))
            .ToArray();
        var max = Math.Max(0.01, rows.Max(r => Math.Max(r.Hr, r.Ndcg)));
        const int left = 190, width = 460, rowHeight = 34, top = 40;
        var height = top + rows.Length * rowHeight + 30;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + width + 80}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{Escape(Path.GetFileName(run.DataFile))}: HR@10 (dark) and NDCG@10 (light), test item</text>");
        for (var i = 0; i < rows.Length; i++)
        {
            var (label, hr, ndcg, ours) = rows[i];
            var y = top + i * rowHeight;
            var color = ours ? "#1f6feb" : "#8b949e";
            var light = ours ? "#79c0ff" : "#d0d7de";
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 14}\" text-anchor=\"end\">{Escape(label)}</text>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y}\" width=\"{width * hr / max:0.0}\" height=\"12\" fill=\"{color}\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left + width * hr / max + 4:0.0}\" y=\"{y + 10}\">{F(hr)}</text>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 14}\" width=\"{width * ndcg / max:0.0}\" height=\"12\" fill=\"{light}\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left + width * ndcg / max + 4:0.0}\" y=\"{y + 24}\">{F(ndcg)}</text>");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    public static string F(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
