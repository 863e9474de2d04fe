using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>The stages every pipeline shares once its candidates are gathered: score, rules, one per family, diversify,
/// explain.</summary>
public sealed class Ranker(CatalogReplica catalog, BusinessRules? rules)
{
    /// <param name="pipeline">The metric label of the calling pipeline.</param>
    /// <param name="options">Diversity limits for this call (an offline evaluation tuning them); the silo's when null.</param>
    /// <param name="query">For searches: what the query asked for, so reasons can quote it.</param>
    /// <param name="shown">Score multipliers of items recently shown and ignored (<see cref="ShownDemotion"/>) or pushed
    /// down by negative feedback (<see cref="FeedbackDemotion"/>).</param>
    public IReadOnlyList<RankedItem> Rank(
        string pipeline, CandidateSet candidates, UserProfile? profile, int limit, DateTimeOffset now, RankingProfile weights,
        RankingOptions? options = null, QueryUnderstood? query = null, IReadOnlyDictionary<string, double>? shown = null)
    {
        var diversity = options ?? catalog.Options;
        List<ScoredCandidate> scored;
        using (AisleMetrics.Stage(pipeline, "score"))
        {
            // Shown items are demoted before the rules, so a pin or boost still holds however often the item was shown.
            scored = new Scorer(catalog, weights).Score(candidates.All, profile, now, shown);
            if (rules is not null)
            {
                scored = rules.Apply(catalog, scored);
            }
        }

        List<ScoredCandidate> page;
        using (AisleMetrics.Stage(pipeline, "diversify"))
        {
            // Before the brand limits, so a family's hidden members do not use up its brand's places.
            scored = OnePerFamily.Keep(scored, catalog.Families.FamilyOf, row => catalog.Stock(row) > 0);
            // Products without a brand are grouped by their full category path, which in this catalog usually
            // ends in a brand node ("Timewel Wrist Watches"), so they cannot flood a page either.
            page = Diversifier.Take(scored, limit, diversity.MaxPerBrand, row => catalog.Product(row).Brand ?? catalog.Product(row).Category,
                diversity.MaxPerCategory, row => catalog.Product(row).Category);
        }

        using (AisleMetrics.Stage(pipeline, "explain"))
        {
            var explainer = new Explainer(catalog);
            return page.Select(s => RankedItems.Describe(catalog, s.Candidate.Row, s.Score, explainer.Explain(s, profile, query), s.Candidate.Sources)).ToArray();
        }
    }
}
