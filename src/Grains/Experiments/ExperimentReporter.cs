using Aisle.Experiments.Statistics;

namespace Aisle.Experiments;

/// <summary>Builds an <see cref="ExperimentReport"/> from a definition and its totals. Pure: the statistics are
/// MathNet.Numerics' distributions inside <see cref="Statistics"/>; this only decides what is compared with what.</summary>
public static class ExperimentReporter
{
    public static ExperimentReport Build(ExperimentDefinition experiment, ExperimentTotals totals)
    {
        var control = experiment.Variants[0].Name;
        var arms = Arms(experiment);
        var current = totals.Variants;

        // The sequential test is combined over every stored look, oldest first, so the interval only narrows and the
        // p-value only falls: what makes it safe to read at every refresh.
        var sequentialConversion = new Dictionary<string, SequentialComparison>();
        var sequentialRevenue = new Dictionary<string, SequentialComparison>();
        var history = new List<ReportPoint>(totals.History.Count);
        foreach (var point in totals.History)
        {
            var c = Get(point.Variants, control);
            var conversion = arms.ToDictionary(a => a.Name, a => Rate(Get(point.Variants, a.Name).Converters, Get(point.Variants, a.Name).Shoppers));
            var lifts = new Dictionary<string, LiftInterval>();
            foreach (var (name, _) in arms.Where(a => a.Name != control))
            {
                var v = Get(point.Variants, name);
                var look = MixtureSequentialTest.Compare(ConversionMoments(c), ConversionMoments(v));
                sequentialConversion[name] = sequentialConversion.TryGetValue(name, out var before) ? before.Then(look) : look;
                var revenueLook = MixtureSequentialTest.Compare(RevenueMoments(c), RevenueMoments(v));
                sequentialRevenue[name] = sequentialRevenue.TryGetValue(name, out var revenueBefore) ? revenueBefore.Then(revenueLook) : revenueLook;
                var baseRate = Rate(c.Converters, c.Shoppers);
                var s = sequentialConversion[name];
                lifts[name] = baseRate > 0
                    ? new LiftInterval(s.Difference / baseRate, s.Low / baseRate, s.High / baseRate)
                    : new LiftInterval(double.NaN, double.NegativeInfinity, double.PositiveInfinity);
            }

            history.Add(new ReportPoint(point.At, conversion, lifts));
        }

        var controlCounters = Get(current, control);
        var variants = arms.Select(arm =>
        {
            var counters = Get(current, arm.Name);
            var isControl = arm.Name == control;
            return new VariantReport(
                arm.Name,
                isControl,
                arm.Share,
                counters,
                Rate(counters.Clicks, counters.Impressions),
                Rate(counters.Converters, counters.Shoppers),
                counters.Shoppers > 0 ? counters.Revenue / counters.Shoppers : 0,
                isControl ? null : TwoProportionZTest.Compare(controlCounters.Converters, controlCounters.Shoppers, counters.Converters, counters.Shoppers),
                isControl ? null : TwoProportionZTest.Compare(
                    Math.Min(controlCounters.Clicks, controlCounters.Impressions), controlCounters.Impressions,
                    Math.Min(counters.Clicks, counters.Impressions), counters.Impressions),
                isControl ? null : WelchTTest.Compare(RevenueMoments(controlCounters), RevenueMoments(counters)),
                isControl ? null : sequentialConversion.GetValueOrDefault(arm.Name)
                    ?? MixtureSequentialTest.Compare(ConversionMoments(controlCounters), ConversionMoments(counters)),
                isControl ? null : sequentialRevenue.GetValueOrDefault(arm.Name)
                    ?? MixtureSequentialTest.Compare(RevenueMoments(controlCounters), RevenueMoments(counters)));
        }).ToArray();

        var sampleRatio = SampleRatioMismatch.Check(arms.Select(a => Get(current, a.Name).Shoppers).ToArray(), arms.Select(a => a.Share).ToArray());
        return new ExperimentReport(experiment.Name, experiment.Status, experiment.Surface, control, totals.FirstActivity, totals.LastActivity,
            variants, sampleRatio, history);
    }

    /// <summary>Every group a shopper can land in with its expected share: the variants, and the holdout when there is one.</summary>
    public static IReadOnlyList<(string Name, double Share)> Arms(ExperimentDefinition experiment)
    {
        var holdout = experiment.HoldoutPercent / 100;
        var arms = experiment.Variants.Select(v => (v.Name, (1 - holdout) * v.Weight / 100)).ToList();
        if (holdout > 0)
        {
            arms.Add((ExperimentDefinition.Holdout, holdout));
        }

        return arms;
    }

    private static SampleMoments ConversionMoments(VariantCounters c) => SampleMoments.Bernoulli(c.Shoppers, c.Converters);

    private static SampleMoments RevenueMoments(VariantCounters c) => new(c.Shoppers, c.Revenue, c.RevenueSquares);

    private static double Rate(long part, long whole) => whole > 0 ? (double)part / whole : 0;

    private static VariantCounters Get(IReadOnlyDictionary<string, VariantCounters> counters, string name) =>
        counters.TryGetValue(name, out var c) ? c : VariantCounters.Zero;
}
