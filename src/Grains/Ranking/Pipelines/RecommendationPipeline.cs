using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Ranking.Candidates;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Users;

namespace Aisle.Ranking.Pipelines;

/// <summary>
/// Personal recommendations from the shopper's latest products and taste. The profile's strategy picks the candidate
/// sources: all of them (the hybrid, the default), or one alone for an experiment variant or the evaluation's ablations.
/// </summary>
public sealed class RecommendationPipeline(
    CatalogReplica catalog, ContentCandidates content, BehaviourCandidates behaviour, ModelCandidates model, PopularCandidates popular,
    TrendingPipeline trending, Ranker ranker, TimeProvider clock, RankingProfile defaults)
{
    /// <summary>Content candidates taken per anchor (and for the taste vector) from the vector index.</summary>
    public const int ContentPerAnchor = 50;

    /// <param name="ranking">Strategy and score weights (an experiment variant's); the defaults when null.</param>
    /// <param name="options">Behaviour-scoring settings for this call (an offline evaluation tuning them); the silo's when null.</param>
    public async Task<RankedList> RunAsync(
        UserProfile profile, int limit, RankingProfile? ranking, RankingOptions? options, CancellationToken cancellationToken)
    {
        ranking ??= defaults;
        options ??= catalog.Options;
        var strategy = ranking.Strategy;
        if (profile.IsCold || profile.Recent.Count == 0)
        {
            AisleMetrics.Recommendations.WithLabels("cold_start").Inc();
            return trending.Run(null, limit);
        }

        var now = clock.GetUtcNow();
        var exclude = new HashSet<string>(profile.Purchased, StringComparer.Ordinal);
        foreach (var touched in profile.Recent)
        {
            exclude.Add(touched.ProductId);
        }

        exclude.ExceptWith(FeedbackDemotion.DueAgain(profile, now, catalog, options));

        // The latest distinct products: the first RecentAnchors anchor the behaviour and "like" sources, the rest widen
        // the taste's neighbourhood.
        var recent = new List<int>(ContentCandidates.TasteAnchors);
        foreach (var recentId in profile.Recent.Select(r => r.ProductId).Distinct())
        {
            if (recent.Count == Math.Max(Math.Max(1, options.RecentAnchors), ContentCandidates.TasteAnchors))
            {
                break;
            }

            if (catalog.TryGetRow(recentId, out var row))
            {
                recent.Add(row);
            }
        }

        var anchors = recent.Take(Math.Max(1, options.RecentAnchors)).ToList();

        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("recommend", "candidates"))
        {
            switch (strategy)
            {
                case RecommendationStrategy.Popular:
                    candidates.Add(Explainer.Trending, popular.Top(new ProductFilter(InStockOnly: true, ExcludeIds: exclude), limit, now));
                    break;
                case RecommendationStrategy.CoInteraction or RecommendationStrategy.Sequential:
                    behaviour.Add(candidates, anchors, exclude, options, 0,
                        coInteraction: strategy == RecommendationStrategy.CoInteraction, transitions: strategy == RecommendationStrategy.Sequential);
                    break;
                case RecommendationStrategy.Content:
                    await AddContentAsync(candidates, recent, profile.Taste, exclude, 1.0, cancellationToken);
                    break;
                case RecommendationStrategy.Model:
                    model.Add(candidates, Distinct(profile), exclude, 1.0, options.ModelTemperature);
                    break;
                default:
                    await AddContentAsync(candidates, recent, profile.Taste, exclude, options.ContentWeight, cancellationToken);
                    behaviour.Add(candidates, anchors, exclude, options, options.ContentWeight, coInteraction: true, transitions: true);
                    // After the live sources: the model raises what they proposed and adds what they did not.
                    model.Add(candidates, Distinct(profile), exclude, options.ModelWeight, options.ModelTemperature);
                    if (options.PopularFill > 0)
                    {
                        var top = popular.Top(new ProductFilter(InStockOnly: true, ExcludeIds: exclude), limit, now);
                        var best = top.Count > 0 ? top[0].Score : 0;
                        foreach (var (row, score) in top)
                        {
                            candidates.Add(row, options.PopularFill * (best > 0 ? score / best : 0), [Explainer.Trending]);
                        }
                    }

                    foreach (var category in profile.CategoryAffinity.Where(c => c.Key.Contains(" > ", StringComparison.Ordinal))
                                 .OrderByDescending(c => c.Value).Take(2))
                    {
                        candidates.Add(Explainer.Trending, popular.Top(new ProductFilter(category.Key, InStockOnly: true, ExcludeIds: exclude), 30, now),
                            weight: options.PopularFill);
                    }

                    break;
            }
        }

        AisleMetrics.Recommendations.WithLabels(strategy == RecommendationStrategy.Hybrid ? "personal" : strategy.ToString().ToLowerInvariant()).Inc();
        var scoring = strategy == RecommendationStrategy.Hybrid ? ranking : ranking.RelevanceOnly();
        var demoted = FeedbackDemotion.Combine(
            ShownDemotion.Factors(profile, now, options), FeedbackDemotion.Factors(profile, candidates.All.Select(c => c.Row), catalog, options));
        return new RankedList(ranker.Rank("recommend", candidates, profile, limit, now, scoring, options, shown: demoted));
    }

    /// <summary>The shopper's products newest first, each once (the model reads as many as it was trained with).</summary>
    private static IEnumerable<string> Distinct(UserProfile profile) => profile.Recent.Select(r => r.ProductId).Distinct(StringComparer.Ordinal);

    /// <summary>Products close to the latest anchor (relevance = weight × cosine) and to the shopper's taste.</summary>
    private async Task AddContentAsync(CandidateSet candidates, IReadOnlyList<int> recent, float[]? taste, IReadOnlySet<string> exclude, double weight,
        CancellationToken cancellationToken)
    {
        if (recent.Count > 0)
        {
            await content.AddLikeAsync(candidates, "recommend", recent[0], ContentPerAnchor, exclude, weight, cancellationToken);
        }

        if (taste is not null)
        {
            await content.AddTasteAsync(candidates, "recommend", taste, recent, ContentPerAnchor, exclude, weight, cancellationToken);
        }
    }
}
