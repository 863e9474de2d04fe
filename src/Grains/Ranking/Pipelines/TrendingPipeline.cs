using Aisle.Observability;
using Aisle.Ranking.Candidates;
using Aisle.Recommendations;

namespace Aisle.Ranking.Pipelines;

/// <summary>Trending: the most popular in-stock products (of a category), ranked with the default profile.</summary>
public sealed class TrendingPipeline(PopularCandidates popular, Ranker ranker, TimeProvider clock, RankingProfile defaults)
{
    public RankedList Run(string? category, int limit)
    {
        var now = clock.GetUtcNow();
        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("trending", "candidates"))
        {
            candidates.Add(Explainer.Trending, popular.Top(new ProductFilter(category, InStockOnly: true), Math.Max(limit * 3, 50), now));
        }

        AisleMetrics.Recommendations.WithLabels("trending").Inc();
        return new RankedList(ranker.Rank("trending", candidates, null, limit, now, defaults));
    }
}
