using System.Globalization;
using Aisle.Experiments;
using Aisle.Experiments.Statistics;
using Spectre.Console;

namespace Aisle.Cli.Simulation;

/// <summary>The simulate run's output: per experiment Aisle's report as a table and what the shoppers did, the
/// throughput of each phase, and the verdicts.</summary>
public static class ReportTables
{
    /// <summary>Significance the popular-vs-personalized verdict asks for.</summary>
    public const double WinAlpha = 0.01;

    /// <summary>Significance an A/A difference would have to reach to count as one.</summary>
    public const double AaAlpha = 0.05;

    public static Table Report(ExperimentOutcome outcome)
    {
        var r = outcome.Report;
        var table = new Table().Title($"{Markup.Escape(outcome.Plan.Title)} — {Markup.Escape(r.Name)} ({r.Status.ToString().ToLowerInvariant()}), SRM p = {P(r.SampleRatio.PValue)}{(r.SampleRatio.Mismatch ? " [red]MISMATCH[/]" : "")}");
        table.AddColumns("variant", "shoppers", "impressions", "CTR", "conversion", "revenue/shopper",
            "conversion lift (95 % CI)", "p (z)", "revenue lift (95 % CI)", "p (Welch)", "always-valid p (conv / rev)", "SRM p");
        foreach (var v in r.Variants)
        {
            table.AddRow(
                Markup.Escape(v.Name) + (v.IsControl ? " [grey](control)[/]" : ""),
                v.Counters.Shoppers.ToString("N0", CultureInfo.InvariantCulture),
                v.Counters.Impressions.ToString("N0", CultureInfo.InvariantCulture),
                Percent(v.ClickThroughRate),
                Percent(v.ConversionRate),
                v.RevenuePerShopper.ToString("0.00", CultureInfo.InvariantCulture),
                v.IsControl ? "—" : Markup.Escape(Lift(v.Conversion)),
                v.IsControl ? "—" : P(v.Conversion?.PValue),
                v.IsControl ? "—" : Markup.Escape(Lift(v.RevenueTest)),
                v.IsControl ? "—" : P(v.RevenueTest?.PValue),
                v.IsControl ? "—" : $"{P(v.ConversionSequential?.PValue)} / {P(v.RevenueSequential?.PValue)}",
                P(r.SampleRatio.PValue));
        }

        return table;
    }

    /// <summary>What the simulated shoppers did, per variant that served their recommendations.</summary>
    public static Table Steps(ExperimentOutcome outcome)
    {
        var table = new Table().Title($"{Markup.Escape(outcome.Plan.Title)} — shopper steps as the simulator saw them");
        table.AddColumns("variant", "steps", "bought from recs", "hit rate", "bought from search", "viewed (elsewhere)", "left");
        foreach (var variant in outcome.Steps.Keys.Select(k => k.Variant).Distinct().Order(StringComparer.Ordinal))
        {
            long N(StepOutcome o) => outcome.Steps.GetValueOrDefault((variant, o));
            var steps = Enum.GetValues<StepOutcome>().Sum(N);
            table.AddRow(Markup.Escape(variant), steps.ToString("N0", CultureInfo.InvariantCulture),
                N(StepOutcome.BuyFromRecommendations).ToString("N0", CultureInfo.InvariantCulture),
                Percent(steps == 0 ? 0 : (double)N(StepOutcome.BuyFromRecommendations) / steps),
                N(StepOutcome.BuyFromSearch).ToString("N0", CultureInfo.InvariantCulture),
                N(StepOutcome.ViewElsewhere).ToString("N0", CultureInfo.InvariantCulture),
                N(StepOutcome.Leave).ToString("N0", CultureInfo.InvariantCulture));
        }

        return table;
    }

    public static Table Throughput(SimulationResult result)
    {
        var table = new Table().Title("Throughput (requests paced by --max-rate)");
        table.AddColumns("phase", "duration", "shoppers", "shoppers/s", "requests", "requests/s", "events", "events/s", "retried (429/503)", "events refused");
        foreach (var c in result.Experiments.Select(e => e.Traffic).Prepend(result.Warmup))
        {
            table.AddRow(Markup.Escape(c.Phase), $"{c.Elapsed.TotalSeconds:0.0} s", N(c.Shoppers), R(c.PerSecond(c.Shoppers)),
                N(c.Requests), R(c.PerSecond(c.Requests)), N(c.Events), R(c.PerSecond(c.Events)), N(c.Retries), N(c.Rejected));
        }

        return table;
    }

    /// <summary>Whether the treatment beat the control on conversion at <see cref="WinAlpha"/> (z-test), in words.</summary>
    public static (bool Won, string Text) WinVerdict(ExperimentOutcome outcome)
    {
        var treatment = outcome.Report.Variants.FirstOrDefault(v => v.Name == outcome.Plan.Treatment);
        var c = treatment?.Conversion;
        var won = c is { Lift: > 0 } && c.PValue < WinAlpha && !outcome.Report.SampleRatio.Mismatch;
        var revenue = treatment?.RevenueTest;
        var text = $"{outcome.Plan.Treatment} {(won ? "BEAT" : "did not beat")} {outcome.Plan.Control} at p < {WinAlpha}: conversion lift {Lift(c)}, p = {P(c?.PValue)}; "
            + $"revenue/shopper lift {Lift(revenue)}, p = {P(revenue?.PValue)}"
            + (outcome.Report.SampleRatio.Mismatch ? "; sample ratio mismatch, results not trustworthy" : "");
        return (won, text);
    }

    /// <summary>Whether the A/A test showed no significant difference (conversion and revenue p ≥ <see cref="AaAlpha"/>,
    /// no sample ratio mismatch), in words.</summary>
    public static (bool Clean, string Text) AaVerdict(ExperimentOutcome outcome)
    {
        var b = outcome.Report.Variants.FirstOrDefault(v => !v.IsControl);
        var clean = b is not null && b.Conversion?.PValue >= AaAlpha && b.RevenueTest?.PValue >= AaAlpha && !outcome.Report.SampleRatio.Mismatch;
        var text = $"A/A {(clean ? "showed no significant difference" : "SHOWED A DIFFERENCE")} (α = {AaAlpha}): conversion p = {P(b?.Conversion?.PValue)}, "
            + $"revenue p = {P(b?.RevenueTest?.PValue)}, SRM p = {P(outcome.Report.SampleRatio.PValue)}";
        return (clean, text);
    }

    private static string Lift(Comparison? c) =>
        c is null || double.IsNaN(c.Lift) ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{c.Lift * 100:+0.0;-0.0} % [{Bound(c.LiftLow)}, {Bound(c.LiftHigh)}]");

    private static string Bound(double x) => double.IsInfinity(x) || double.IsNaN(x) ? "?" : (x * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture);

    private static string Percent(double x) => (x * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string P(double? p) => p switch
    {
        null or double.NaN => "n/a",
        < 0.0001 => "< 0.0001",
        _ => p.Value.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string R(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
}
