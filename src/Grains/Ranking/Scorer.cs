using System.Numerics.Tensors;
using Aisle.Catalog;
using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>The score of one candidate and the weighted terms it is made of (the explainer reads the terms).</summary>
public sealed record ScoredCandidate(Candidate Candidate, double Score, ScoreTerms Terms);

/// <summary>Each ranking signal of one item, in [0, 1] before weighting; null where there is no evidence.</summary>
public sealed record ScoreTerms(
    double Relevance,
    double CategoryAffinity,
    string? AffineCategory,
    double BrandAffinity,
    double Taste,
    double? PriceFit,
    double Discount,
    double Rating,
    double Popularity);

/// <summary>
/// Relevance + personalization (category and brand affinity, taste similarity) + price fit + discount + rating +
/// popularity, each term in [0, 1] times its weight from the list's <see cref="RankingProfile"/>.
/// </summary>
public sealed class Scorer(CatalogReplica catalog, RankingProfile weights)
{
    /// <summary>Deeper category matches say more about a shopper's intent than a shared top level.</summary>
    private static readonly double[] LevelWeight = [0.4, 0.7, 1.0];

    /// <param name="shown">Score multipliers of items the shopper was shown and ignored (<see cref="ShownDemotion"/>),
    /// by product id; personal recommendations only.</param>
    public List<ScoredCandidate> Score(
        IEnumerable<Candidate> candidates, UserProfile? profile, DateTimeOffset now, IReadOnlyDictionary<string, double>? shown = null)
    {
        var list = candidates as IReadOnlyCollection<Candidate> ?? candidates.ToList();
        // Read once per candidate: each read decays the counter to now (a power).
        var popularities = new double[list.Count];
        var maxPopularity = 0.0;
        var i = 0;
        foreach (var c in list)
        {
            popularities[i] = catalog.Popularity(c.Row, now);
            maxPopularity = Math.Max(maxPopularity, popularities[i++]);
        }

        var levelMax = LevelMaxima(profile);
        var brandMax = profile is { BrandAffinity.Count: > 0 } ? profile.BrandAffinity.Values.Max() : 0;
        var result = new List<ScoredCandidate>(list.Count);
        // The shopper's affinity per category prefix, looked up once per prefix instead of once per candidate: the
        // replica hands out one string per prefix, so the per-call table hashes references, not whole category paths.
        var affinities = new Dictionary<string, double>(ReferenceEqualityComparer.Instance);
        i = 0;
        foreach (var c in list)
        {
            var terms = Terms(c, profile, popularities[i++], maxPopularity, levelMax, brandMax, affinities);
            var score =
                weights.Relevance * terms.Relevance +
                weights.CategoryAffinity * terms.CategoryAffinity +
                weights.BrandAffinity * terms.BrandAffinity +
                weights.Taste * terms.Taste +
                weights.PriceFit * (terms.PriceFit ?? 0) +
                weights.Discount * terms.Discount +
                weights.Rating * terms.Rating +
                weights.Popularity * terms.Popularity;
            if (shown is { Count: > 0 } && shown.TryGetValue(catalog.Product(c.Row).Id, out var factor))
            {
                score *= factor;
            }

            result.Add(new ScoredCandidate(c, score, terms));
        }

        // Ties broken by row keep the order deterministic across silos and runs.
        result.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Candidate.Row.CompareTo(b.Candidate.Row));
        return result;
    }

    private ScoreTerms Terms(
        Candidate c, UserProfile? profile, double popularity, double maxPopularity, double[] levelMax, double brandMax, Dictionary<string, double> affinities)
    {
        var product = catalog.Product(c.Row);
        var price = catalog.Price(c.Row);
        var retail = product.RetailPrice is { } r ? (double)r : (double?)null;
        var discount = price is > 0 && retail is > 0 && retail > price ? (retail.Value - price.Value) / retail.Value : 0;
        var rating = product.Rating is { } stars ? Math.Clamp(stars / 5.0, 0, 1) : 0;
        popularity = maxPopularity > 0 ? popularity / maxPopularity : 0;

        double category = 0, brand = 0, taste = 0;
        string? affineCategory = null;
        double? priceFit = null;
        if (profile is { IsCold: false })
        {
            var level = 0;
            foreach (var prefix in catalog.CategoryPrefixes(c.Row))
            {
                if (levelMax[level] > 0 && Affinity(profile, prefix, affinities) is var affinity && !double.IsNaN(affinity))
                {
                    var value = LevelWeight[level] * affinity / levelMax[level];
                    if (value > category)
                    {
                        category = value;
                        affineCategory = prefix;
                    }
                }

                level++;
            }

            if (brandMax > 0 && product.Brand is not null && profile.BrandAffinity.TryGetValue(product.Brand, out var b))
            {
                brand = b / brandMax;
            }

            if (profile.Taste is { } tasteVector)
            {
                taste = Math.Max(0, TensorPrimitives.Dot(tasteVector, catalog.Vector(c.Row)));
            }

            priceFit = PriceFit.Score(price, profile.PriceBand);
        }

        return new ScoreTerms(c.Relevance, category, affineCategory, brand, taste, priceFit, discount, rating, popularity);
    }

    /// <summary>The shopper's affinity to <paramref name="prefix"/>, NaN when there is none.</summary>
    private static double Affinity(UserProfile profile, string prefix, Dictionary<string, double> affinities)
    {
        if (!affinities.TryGetValue(prefix, out var affinity))
        {
            affinity = profile.CategoryAffinity.TryGetValue(prefix, out var value) ? value : double.NaN;
            affinities[prefix] = affinity;
        }

        return affinity;
    }

    /// <summary>The strongest affinity at each category depth, to normalise affinities per level.</summary>
    private static double[] LevelMaxima(UserProfile? profile)
    {
        var max = new double[ProfileUpdater.AffinityDepth];
        if (profile is null)
        {
            return max;
        }

        foreach (var (prefix, value) in profile.CategoryAffinity)
        {
            var level = Math.Min(CountSeparators(prefix), max.Length - 1);
            max[level] = Math.Max(max[level], value);
        }

        return max;
    }

    private static int CountSeparators(string prefix)
    {
        var count = 0;
        for (var i = prefix.IndexOf(" > ", StringComparison.Ordinal); i >= 0; i = prefix.IndexOf(" > ", i + 3, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
