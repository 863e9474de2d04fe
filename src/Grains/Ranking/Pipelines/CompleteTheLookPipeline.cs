using Aisle.Catalog;
using Aisle.Llm;
using Aisle.Observability;
using Aisle.Ranking.Candidates;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Ranking.Pipelines;

/// <summary>
/// "Complete the look" for a product or a cart: products of the kinds that go with the anchors' categories, as the
/// model proposes them (BM25 over each proposed type's keywords within its category, in stock), then what shoppers
/// touched with the anchors in other categories. Never more of what the anchors already are: products of an anchor's
/// own category are left out. With no model, or when it is slow or failing, the co-interaction candidates alone make
/// the page, which is empty for products nobody has touched yet.
/// </summary>
public sealed class CompleteTheLookPipeline(
    CatalogReplica catalog, QueryHits hits, BehaviourCandidates behaviour, IComplementProposals complements, Ranker ranker,
    TimeProvider clock, RankingProfile defaults)
{
    public const string Name = "complete_the_look";

    /// <summary>Cart lines asked about at most (the latest first): each distinct category may cost one model call.</summary>
    public const int MaxAnchors = 5;

    /// <summary>Products taken per proposed product type.</summary>
    public const int PerType = 20;

    /// <summary>Relevance scale of the co-interaction candidates when the model proposed something: they fill the page
    /// after the proposed kinds, not before.</summary>
    public const double BehaviourWeight = 0.6;

    /// <param name="productIds">The product, or the cart's products, latest first.</param>
    /// <returns>Null when none of <paramref name="productIds"/> is in the catalog.</returns>
    public async Task<RankedList?> RunAsync(
        IReadOnlyList<string> productIds, UserProfile? profile, int limit, RankingProfile? ranking, CancellationToken cancellationToken)
    {
        ranking ??= defaults;
        profile = ranking.Personalized ? profile : null;
        var anchors = new List<int>();
        foreach (var id in productIds.Distinct(StringComparer.Ordinal))
        {
            if (anchors.Count < MaxAnchors && catalog.TryGetRow(id, out var row))
            {
                anchors.Add(row);
            }
        }

        if (anchors.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var exclude = new HashSet<string>(productIds, StringComparer.Ordinal);
        var own = anchors.Select(row => ComplementsPrompt.CategoryOf(catalog.Product(row))).Distinct(StringComparer.Ordinal).ToArray();
        var candidates = new CandidateSet();
        bool Elsewhere(int row) => !own.Contains(ComplementsPrompt.CategoryOf(catalog.Product(row)), StringComparer.Ordinal);

        HashSet<int> proposed;
        using (AisleMetrics.Stage(Name, "complements"))
        {
            // Every category is asked at once: each waits at most the model's budget, so the page waits at most one budget.
            var answers = await Task.WhenAll(own.Select(category => complements.ForAsync(category, cancellationToken).AsTask()));
            proposed = await ProposedAsync(candidates, own, answers, exclude, Elsewhere, cancellationToken);
        }

        using (AisleMetrics.Stage(Name, "behaviour"))
        {
            var linked = new CandidateSet();
            behaviour.Add(linked, anchors, exclude, catalog.Options, 0, coInteraction: true, transitions: false);
            var weight = proposed.Count > 0 ? BehaviourWeight : 1.0;
            foreach (var candidate in linked.All)
            {
                // One reason per product: a proposed kind keeps its "goes with", not a second "viewed together".
                if (!proposed.Contains(candidate.Row) && Elsewhere(candidate.Row))
                {
                    candidates.Add(candidate.Row, weight * candidate.Relevance, candidate.Sources, candidate.BecauseOf);
                }
            }
        }

        AisleMetrics.Recommendations.WithLabels(Name).Inc();
        return new RankedList(ranker.Rank(Name, candidates, profile, limit, now, ranking));
    }

    /// <summary>Adds the products of each proposed kind, ranked by BM25 within its category; returns their rows.</summary>
    private async Task<HashSet<int>> ProposedAsync(
        CandidateSet candidates, string[] categories, IReadOnlyList<ComplementaryProducts>[] answers, IReadOnlySet<string> exclude,
        Func<int, bool> elsewhere, CancellationToken cancellationToken)
    {
        var rows = new HashSet<int>();
        for (var i = 0; i < categories.Length; i++)
        {
            foreach (var type in answers[i])
            {
                var filter = new ProductFilter(type.Category, InStockOnly: true, ExcludeIds: exclude);
                var found = (await hits.LexicalAsync(type.Keywords, filter, PerType, cancellationToken)).Where(elsewhere).ToArray();
                // Rank order is what BM25 says about one kind; the best of each kind starts level with the best of the others.
                var ranked = found.Select((row, rank) => (row, (double)(PerType - rank))).ToArray();
                candidates.Add(Explainer.Complements, ranked, $"{Explainer.LastSegment(categories[i])}: {type.ProductType}");
                rows.UnionWith(found);
            }
        }

        return rows;
    }
}
