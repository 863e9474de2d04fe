using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Ranking.Candidates;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Users;

namespace Aisle.Ranking.Pipelines;

/// <summary>Similar products: what shoppers touched with a product, then what looks like it, ranked.</summary>
public sealed class SimilarPipeline(
    CatalogReplica catalog, ContentCandidates content, BehaviourCandidates behaviour, Ranker ranker, TimeProvider clock, RankingProfile defaults)
{
    /// <summary>Products that look like the anchor, taken from the vector index.</summary>
    public const int LookAlikes = 100;

    /// <returns>Null when the product is not in the catalog.</returns>
    public async Task<RankedList?> RunAsync(string productId, UserProfile? profile, int limit, RankingProfile? ranking, CancellationToken cancellationToken)
    {
        ranking ??= defaults;
        profile = ranking.Personalized ? profile : null;
        if (!catalog.TryGetRow(productId, out var anchor))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var weights = catalog.Options;
        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("similar", "candidates"))
        {
            // A blend: what shoppers touched with this product first (relevance 1 for the strongest link, plus its
            // content similarity), then what looks like it. A new product with no links yet gets its content neighbours.
            // The anchor's variants are offered on its page as such (ProductDetails.Siblings); among "similar" they would
            // take the look-alikes' places (identical names embed alike) and then collapse to one (OnePerFamily).
            var exclude = new HashSet<string>(catalog.Families.Members(anchor).Select(row => catalog.Product(row).Id), StringComparer.Ordinal) { productId };
            await content.AddLikeAsync(candidates, "similar", anchor, LookAlikes, exclude, weights.ContentWeight, cancellationToken);
            behaviour.Add(candidates, [anchor], exclude, weights, weights.ContentWeight, coInteraction: true, transitions: true);
        }

        AisleMetrics.Recommendations.WithLabels("similar").Inc();
        return new RankedList(ranker.Rank("similar", candidates, profile, limit, now, ranking));
    }
}
