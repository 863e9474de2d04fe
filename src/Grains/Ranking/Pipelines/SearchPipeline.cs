using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Query;
using Aisle.Ranking.Candidates;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Users;

namespace Aisle.Ranking.Pipelines;

/// <summary>Search: understand the query, take vector and lexical hits within its filters, fuse them, rank.</summary>
public sealed class SearchPipeline(
    CatalogReplica catalog, CatalogIndexes indexes, QueryEmbedder embedder, QueryHits hits, PopularCandidates popular,
    Ranker ranker, TimeProvider clock, RankingProfile defaults)
{
    /// <summary>Candidates taken from each retrieval source before fusion.</summary>
    public const int CandidatesPerSource = 100;

    /// <param name="ranking">The profile to rank with; a non-personalized one (<see cref="RecommendationStrategy.Popular"/>)
    /// ignores <paramref name="profile"/>.</param>
    public async Task<RankedList> RunAsync(SearchRequest request, UserProfile? profile, RankingProfile? ranking, CancellationToken cancellationToken)
    {
        ranking ??= defaults;
        profile = ranking.Personalized ? profile : null;
        var now = clock.GetUtcNow();
        ParsedQuery parsed;
        using (AisleMetrics.Stage("search", "understand"))
        {
            parsed = await indexes.Understanding.UnderstandAsync(request.Query, cancellationToken);
        }

        var filter = new ProductFilter(
            request.Category ?? parsed.Category,
            request.Brand ?? parsed.Brand,
            request.MinPrice ?? parsed.MinPrice,
            request.MaxPrice ?? parsed.MaxPrice,
            request.InStockOnly,
            parsed.Gender);
        var text = string.IsNullOrWhiteSpace(parsed.Text) ? request.Query : parsed.Text;

        var candidates = new CandidateSet();
        if (string.IsNullOrWhiteSpace(text))
        {
            // No words left (e.g. "under 500"): browse what the filters allow, most popular first.
            candidates.Add(Explainer.Trending, popular.Top(filter, CandidatesPerSource, now));
        }
        else
        {
            IReadOnlyList<int> semantic;
            using (AisleMetrics.Stage("search", "vector"))
            {
                var query = await embedder.EmbedAsync(text, cancellationToken);
                semantic = await hits.VectorAsync(text, query, filter, CandidatesPerSource, cancellationToken);
            }

            IReadOnlyList<int> lexical;
            using (AisleMetrics.Stage("search", "lexical"))
            {
                // Once the gender is a filter, "men" in the text would only make BM25 score thousands of products
                // that the filter then checks one by one.
                var words = parsed.Gender == Gender.None ? text : string.Join(' ', QueryTokens.Split(text).Where(t => Genders.Of(t) == Gender.None));
                lexical = await hits.LexicalAsync(words, filter, CandidatesPerSource, cancellationToken);
            }

            using (AisleMetrics.Stage("search", "fuse"))
            {
                var fused = HybridFusion.Fuse(
                [
                    new SourceRanking(Explainer.Vector, 1.0, catalog.IdsOf([.. semantic])),
                    new SourceRanking(Explainer.Lexical, 1.0, catalog.IdsOf([.. lexical])),
                ]);
                var best = fused.Count > 0 ? fused[0].Score : 0;
                foreach (var hit in fused)
                {
                    if (catalog.TryGetRow(hit.Id, out var row))
                    {
                        candidates.Add(row, best > 0 ? hit.Score / best : 0, hit.Sources.Select(source => source.Source));
                    }
                }
            }
        }

        AisleMetrics.Searches.Inc();
        var understood = new QueryUnderstood(text, filter.MinPrice, filter.MaxPrice, filter.Brand, filter.Category, Genders.Name(parsed.Gender), parsed.Notes);
        return new RankedList(ranker.Rank("search", candidates, profile, request.Limit, now, ranking, query: understood), understood);
    }
}
