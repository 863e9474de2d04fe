using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Aisle.Cli.SearchEvaluation;

/// <summary>Prints a search evaluation: the means, then the weakest queries with what the server understood.</summary>
public static class SearchEvaluationReport
{
    public static void Print(SearchEvaluationRun run, int worst)
    {
        var summary = new Table().AddColumns("queries", $"precision@{SearchRelevance.Cutoff}", $"NDCG@{SearchRelevance.Cutoff}",
            "price breaks", "empty answers", "median latency");
        summary.AddRow(
            run.Queries.Count.ToString(CultureInfo.InvariantCulture),
            run.Precision.ToString("F3", CultureInfo.InvariantCulture),
            run.Ndcg.ToString("F3", CultureInfo.InvariantCulture),
            $"{run.PriceBreaks} of {run.PricedPlaces}",
            run.Empty.ToString(CultureInfo.InvariantCulture),
            $"{run.MedianLatency.TotalMilliseconds:F1} ms");
        AnsiConsole.Write(summary);

        if (worst <= 0)
        {
            return;
        }

        var table = new Table().AddColumns("query", "P@10", "NDCG@10", "understood", "first miss");
        foreach (var q in run.Queries.OrderBy(q => q.Ndcg).ThenBy(q => q.Precision).Take(worst))
        {
            var miss = q.Shown.FirstOrDefault(s => !s.Relevant);
            table.AddRow(
                Markup.Escape(q.Judgement.Query),
                q.Precision.ToString("F1", CultureInfo.InvariantCulture),
                q.Ndcg.ToString("F2", CultureInfo.InvariantCulture),
                Markup.Escape(q.Understood),
                Markup.Escape(miss is null ? "" : $"{Shorten(miss.Name)} ({miss.Category.Split(" > ")[^1]})"));
        }

        AnsiConsole.Write(table);
    }

    public static string Markdown(SearchEvaluationRun run, string server)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| server | queries | precision@10 | NDCG@10 | price breaks | empty | median latency |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {server} | {run.Queries.Count} | {run.Precision:F3} | {run.Ndcg:F3} | {run.PriceBreaks} of {run.PricedPlaces} | {run.Empty} | {run.MedianLatency.TotalMilliseconds:F1} ms |");
        return md.ToString();
    }

    private static string Shorten(string name) => name.Length <= 48 ? name : name[..45] + "…";
}
