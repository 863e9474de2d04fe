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

    /// <summary>A search finding fewer products than this also takes the model's proposed products, when it has any.</summary>
    public const int FewResults = 10;

    /// <summary>Products taken per proposed product type.</summary>
    public const int PerProposal = 20;

    /// <summary>Share of a candidate's relevance that a guessed category or brand decides: enough to lift the products
    /// in it over equally relevant ones, not enough to bury a better match outside it.</summary>
    public const double GuessBoost = 0.2;

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

        // A category or brand the words only suggest boosts; one the shopper chose, or the understanding is sure of, filters.
        var guessedCategory = request.Category is null && parsed.Category is not null;
        var guessedBrand = request.Brand is null && parsed.Brand is not null;
        var filter = new ProductFilter(
            request.Category ?? (parsed.CategoryCertain ? parsed.Category : null),
            request.Brand ?? (parsed.BrandCertain ? parsed.Brand : null),
            request.MinPrice ?? parsed.MinPrice,
            request.MaxPrice ?? parsed.MaxPrice,
            request.InStockOnly,
            parsed.Gender);
        var text = string.IsNullOrWhiteSpace(parsed.Text) ? request.Query : parsed.Text;

        var candidates = await CandidatesAsync(parsed, text, filter, now, cancellationToken);
        if (candidates.Count == 0 && ((guessedCategory && filter.Category is not null) || (guessedBrand && filter.Brand is not null)))
        {
            // Even a sure guess must not empty the page: without it, it boosts.
            filter = filter with { Category = request.Category, Brand = request.Brand };
            candidates = await CandidatesAsync(parsed, text, filter, now, cancellationToken);
        }

        Boost(candidates, guessedCategory && filter.Category is null ? parsed.Category : null, guessedBrand && filter.Brand is null ? parsed.Brand : null);

        AisleMetrics.Searches.Inc();
        var understood = new QueryUnderstood(text, filter.MinPrice, filter.MaxPrice, filter.Brand, filter.Category, Genders.Name(parsed.Gender), parsed.Notes);
        return new RankedList(ranker.Rank("search", candidates, profile, request.Limit, now, ranking, query: understood), understood);
    }

    private async Task<CandidateSet> CandidatesAsync(ParsedQuery parsed, string text, ProductFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = new CandidateSet();
        if (string.IsNullOrWhiteSpace(text))
        {
            // No words left (e.g. "under 500"): browse what the filters allow, most popular first.
            candidates.Add(Explainer.Trending, popular.Top(filter, CandidatesPerSource, now));
            return candidates;
        }

        IReadOnlyList<int> semantic;
        using (AisleMetrics.Stage("search", "vector"))
        {
            try
            {
                var query = await embedder.EmbedAsync(text, cancellationToken);
                semantic = await hits.VectorAsync(text, query, filter, CandidatesPerSource, cancellationToken);
            }
            catch (VectorStoreUnavailableException)
            {
                // A remote store that is slow or down costs this search its semantic hits, not its answer: the
                // lexical hits still rank, within the store's time budget.
                AisleMetrics.VectorStoreFallbacks.WithLabels("search").Inc();
                semantic = [];
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // So does a remote embedding service that is slow (past its query budget), down or rate-limited.
                AisleMetrics.QueryEmbeddingFallbacks.Inc();
                semantic = [];
            }
        }

        IReadOnlyList<int> lexical;
        using (AisleMetrics.Stage("search", "lexical"))
        {
            // The model's rewrite when it read the query (the catalog's words for the shopper's); the shopper's own
            // words when it did not, or when the rewrite finds nothing they would have found.
            lexical = parsed.Keywords is { } keywords && !string.IsNullOrWhiteSpace(keywords)
                ? await hits.LexicalAsync(LexicalWords(keywords, parsed.Gender), filter, CandidatesPerSource, cancellationToken)
                : [];
            if (lexical.Count == 0)
            {
                lexical = await hits.LexicalAsync(LexicalWords(text, parsed.Gender), filter, CandidatesPerSource, cancellationToken);
            }
        }

        List<SourceRanking> sources =
        [
            new SourceRanking(Explainer.Vector, 1.0, catalog.IdsOf([.. semantic])),
            new SourceRanking(Explainer.Lexical, 1.0, catalog.IdsOf([.. lexical])),
        ];
        var proposedFor = await ProposalsAsync(parsed, filter, semantic.Union(lexical).Count(), sources, cancellationToken);

        using (AisleMetrics.Stage("search", "fuse"))
        {
            var fused = HybridFusion.Fuse(sources);
            var best = fused.Count > 0 ? fused[0].Score : 0;
            foreach (var hit in fused)
            {
                if (catalog.TryGetRow(hit.Id, out var row))
                {
                    candidates.Add(row, best > 0 ? hit.Score / best : 0, hit.Sources.Select(source => source.Source), proposedFor?.GetValueOrDefault(hit.Id));
                }
            }
        }

        return candidates;
    }

    /// <summary>The words BM25 searches for: once the gender is a filter, "men" in the text would only make BM25 score
    /// thousands of products that the filter then checks one by one.</summary>
    private static string LexicalWords(string text, Gender gender) =>
        gender == Gender.None ? text : string.Join(' ', QueryTokens.Split(text).Where(t => Genders.Of(t) == Gender.None));

    /// <summary>
    /// The model's proposed products as one more source, for a query that names a need or finds few products: BM25 over
    /// each proposal's keywords within the same filters. Returns which proposal brought each product, for its reason.
    /// </summary>
    private async Task<Dictionary<string, string>?> ProposalsAsync(
        ParsedQuery parsed, ProductFilter filter, int found, List<SourceRanking> sources, CancellationToken cancellationToken)
    {
        if (parsed.Proposals.Count == 0 || (!parsed.NamesNeed && found >= FewResults))
        {
            return null;
        }

        using var _ = AisleMetrics.Stage("search", "proposals");
        // A product found by several proposals is explained by the one that ranked it highest.
        var best = new Dictionary<string, (string Type, int Position)>(StringComparer.Ordinal);
        foreach (var proposal in parsed.Proposals)
        {
            var rows = await hits.LexicalAsync(proposal.Keywords, filter, PerProposal, cancellationToken);
            var ids = catalog.IdsOf([.. rows]);
            for (var rank = 0; rank < ids.Length; rank++)
            {
                if (!best.TryGetValue(ids[rank], out var known) || rank < known.Position)
                {
                    best[ids[rank]] = (proposal.ProductType, rank);
                }
            }

            // Below the query's own sources: a proposal widens the page, it does not outrank what the words found.
            sources.Add(new SourceRanking(Explainer.Suggested, parsed.NamesNeed ? 0.8 : 0.5, ids));
        }

        return best.ToDictionary(b => b.Key, b => b.Value.Type, StringComparer.Ordinal);
    }

    /// <summary>Lifts the products in a guessed category or brand a little above the rest, without dropping any.</summary>
    private void Boost(CandidateSet candidates, string? category, string? brand)
    {
        if (category is null && brand is null)
        {
            return;
        }

        var members = category is null ? null : catalog.Members(category);
        foreach (var candidate in candidates.All)
        {
            var match = 0.0;
            if (members is not null && members.Contains(candidate.Row))
            {
                match += category is not null && brand is not null ? 0.5 : 1;
            }

            if (brand is not null && string.Equals(catalog.Product(candidate.Row).Brand, brand, StringComparison.OrdinalIgnoreCase))
            {
                match += category is not null ? 0.5 : 1;
            }

            candidate.Relevance = (1 - GuessBoost) * candidate.Relevance + GuessBoost * match;
        }
    }
}
