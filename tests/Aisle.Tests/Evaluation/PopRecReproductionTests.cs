using Aisle.Cli.Evaluation;

namespace Aisle.Tests.Evaluation;

/// <summary>
/// The metric code and the protocol, checked against a published number: most-popular on Amazon Beauty, full
/// ranking, user's items excluded, HR@10 0.0152 (S3-Rec, Table 2). The live engine's Popular strategy is measured
/// the same way by <c>aisle evaluate</c>.
/// </summary>
public sealed class PopRecReproductionTests
{
    [Fact]
    public void MostPopularReproducesThePublishedHitRateWithinFifteenPercent()
    {
        var data = SequenceData.Load(SharedData.BeautyFile(), attributesFile: null);
        var cases = data.Users.Select(LeaveOneOut.Split).OfType<LeaveOneOut>().ToArray();

        // What the engine knows at test time: every training and validation item of every user.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            foreach (var item in c.Training.Append(c.Validation))
            {
                counts[item] = counts.GetValueOrDefault(item) + 1;
            }
        }

        var byPopularity = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToArray();
        var ranks = cases.Select(c =>
        {
            var had = c.Training.Append(c.Validation).ToHashSet(StringComparer.Ordinal);
            return RankingMetrics.RankOf(byPopularity.Where(id => !had.Contains(id)).Take(20).ToArray(), c.Test);
        }).ToArray();
        var metrics = RankingMetrics.FromRanks(ranks);

        Assert.Equal(22_363, metrics.Users);
        Assert.InRange(metrics.HitRate[10], 0.0152 * 0.85, 0.0152 * 1.15);
    }
}
