using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Aisle.Cli.Bench;

/// <summary>
/// The results beside the platform's ceiling: every saturated rate also as a share of <c>/health/live</c> measured in
/// the same run (the better of its two runs, first and last), because on a shared machine only the ratio compares.
/// </summary>
public sealed record BenchReport(string Conditions, BenchRow Ceiling, IReadOnlyList<BenchRow> Rows)
{
    public void Write(IAnsiConsole console)
    {
        console.WriteLine(Conditions);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in Columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        table.Columns[0].LeftAligned();
        foreach (var cells in Lines())
        {
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        foreach (var row in Rows)
        {
            console.MarkupLineInterpolated($"[grey]{row.Scenario.Name}: {row.Scenario.Description}[/]");
        }
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Conditions).AppendLine();
        text.AppendLine("| " + string.Join(" | ", Columns) + " |");
        text.AppendLine("|" + string.Concat(Columns.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var cells in Lines())
        {
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }

        return text.ToString();
    }

    private static readonly string[] Columns =
        ["scenario", "saturated req/s", "of /health/live", "p50 ms (paced)", "p99 ms (paced)", "CPU µs/request", "failed"];

    private IEnumerable<string[]> Lines()
    {
        var ceiling = Ceiling.Saturated.RequestsPerSecond;
        foreach (var row in Rows.Prepend(Ceiling))
        {
            var rate = row.Saturated.Error is null ? row.Saturated.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "error";
            yield return
            [
                row == Ceiling ? "/health/live (ceiling)" : row.Scenario.Name + (row.Wrapped ? " (stream wrapped)" : ""),
                rate,
                ceiling > 0 ? (row.Saturated.RequestsPerSecond / ceiling).ToString("P1", CultureInfo.InvariantCulture) : "–",
                row.Paced.P50.ToString("F2", CultureInfo.InvariantCulture),
                row.Paced.P99.ToString("F2", CultureInfo.InvariantCulture),
                row.CpuMicrosecondsPerRequest?.ToString("N0", CultureInfo.InvariantCulture) ?? "–",
                (row.Saturated.Failed + row.Paced.Failed).ToString(CultureInfo.InvariantCulture),
            ];
        }
    }
}
