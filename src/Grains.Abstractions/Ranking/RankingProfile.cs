namespace Aisle.Ranking;

/// <summary>
/// How one list is ranked: the strategy and the weight of each score term. Immutable and passed into every read
/// (search, similar, recommendations), so an experiment variant ranks with its own profile while the silo's shopper
/// profile and activity settings (<c>RankingOptions</c>) stay global. Every term lies in [0, 1] before weighting, so a
/// weight says directly how much that signal can move an item. The defaults are <c>Aisle:Ranking</c>'s.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RankingProfile
{
    /// <summary>The profile with the built-in defaults, before configuration.</summary>
    public static RankingProfile Default { get; } = new();

    /// <summary>Which signals personal recommendations are built from. <see cref="RecommendationStrategy.Popular"/> also
    /// ranks search and similar items without the shopper's profile (a non-personalized control).</summary>
    [Id(0)] public RecommendationStrategy Strategy { get; init; } = RecommendationStrategy.Hybrid;

    /// <summary>Retrieval relevance (fused vector + lexical rank, or candidate-source strength).</summary>
    [Id(1)] public double Relevance { get; init; } = 1.0;

    /// <summary>Decayed affinity to the item's category path, relative to the shopper's strongest category.</summary>
    [Id(2)] public double CategoryAffinity { get; init; } = 0.5;

    /// <summary>Decayed affinity to the item's brand, relative to the shopper's strongest brand.</summary>
    [Id(3)] public double BrandAffinity { get; init; } = 0.3;

    /// <summary>Cosine similarity between the item and the shopper's taste vector.</summary>
    [Id(4)] public double Taste { get; init; } = 0.6;

    /// <summary>Fit of the item's price to the shopper's price band.</summary>
    [Id(5)] public double PriceFit { get; init; } = 0.3;

    /// <summary>Discount off the retail price (fraction).</summary>
    [Id(6)] public double Discount { get; init; } = 0.1;

    /// <summary>Rating / 5.</summary>
    [Id(7)] public double Rating { get; init; } = 0.1;

    /// <summary>Live popularity relative to the most popular candidate.</summary>
    [Id(8)] public double Popularity { get; init; } = 0.2;

    /// <summary>Whether lists ranked with this profile use the shopper's behaviour profile at all.</summary>
    public bool Personalized => Strategy != RecommendationStrategy.Popular;

    /// <summary>The names of the weights a variant may override (configuration keys, case-insensitive).</summary>
    public static IReadOnlyList<string> WeightNames { get; } =
        [nameof(Relevance), nameof(CategoryAffinity), nameof(BrandAffinity), nameof(Taste), nameof(PriceFit), nameof(Discount), nameof(Rating), nameof(Popularity)];

    /// <summary>This profile with <paramref name="weights"/> (by <see cref="WeightNames"/>) replacing its own.</summary>
    /// <exception cref="ArgumentException">A name that is not a weight.</exception>
    public RankingProfile With(IReadOnlyDictionary<string, double> weights)
    {
        var profile = this;
        foreach (var (name, value) in weights)
        {
            profile = name.ToLowerInvariant() switch
            {
                "relevance" => profile with { Relevance = value },
                "categoryaffinity" => profile with { CategoryAffinity = value },
                "brandaffinity" => profile with { BrandAffinity = value },
                "taste" => profile with { Taste = value },
                "pricefit" => profile with { PriceFit = value },
                "discount" => profile with { Discount = value },
                "rating" => profile with { Rating = value },
                "popularity" => profile with { Popularity = value },
                _ => throw new ArgumentException($"'{name}' is not a ranking weight: use one of {string.Join(", ", WeightNames)}.", nameof(weights)),
            };
        }

        return profile;
    }

    /// <summary>A copy that ranks by retrieval relevance alone: every other score term weighs nothing.</summary>
    public RankingProfile RelevanceOnly() => this with
    {
        Relevance = 1, CategoryAffinity = 0, BrandAffinity = 0, Taste = 0, PriceFit = 0, Discount = 0, Rating = 0, Popularity = 0,
    };
}
