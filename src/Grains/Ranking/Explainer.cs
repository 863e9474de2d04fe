using System.Globalization;
using Aisle.Catalog;
using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>Turns an item's sources and score terms into sentences a shopper can read, strongest reason first.</summary>
public sealed class Explainer(CatalogReplica catalog)
{
    public const string Vector = "vector";
    public const string Lexical = "lexical";
    public const string Neighbours = "neighbours";
    public const string Similar = "similar";
    public const string Taste = "taste";
    public const string Trending = "trending";

    public IReadOnlyList<string> Explain(ScoredCandidate item, UserProfile? profile, string? query = null)
    {
        var reasons = new List<(double Weight, string Text)>();
        var c = item.Candidate;
        var t = item.Terms;
        var product = catalog.Product(c.Row);

        if (query is not null && c.Sources.Contains(Lexical))
        {
            reasons.Add((2 + t.Relevance, $"Matches the words of \"{Shorten(query)}\""));
        }

        if (query is not null && c.Sources.Contains(Vector))
        {
            reasons.Add((1.9 + t.Relevance, $"Close in meaning to \"{Shorten(query)}\""));
        }

        if (c.BecauseOf is { } because && c.Sources.Contains(Neighbours))
        {
            reasons.Add((2 + t.Relevance, $"Often viewed together with {because}"));
        }

        if (c.BecauseOf is { } similarTo && c.Sources.Contains(Similar))
        {
            reasons.Add((1.8 + t.Relevance, $"Similar to {similarTo}"));
        }

        if (t.CategoryAffinity >= 0.5 && t.AffineCategory is { } category)
        {
            reasons.Add((t.CategoryAffinity, $"Because you like {LastSegment(category)}"));
        }

        if (t.BrandAffinity >= 0.5 && product.Brand is { } brand)
        {
            reasons.Add((t.BrandAffinity, $"You have shown interest in {brand}"));
        }

        if (t.Taste >= 0.55)
        {
            reasons.Add((t.Taste, "Close to what you have been looking at"));
        }

        if (t.PriceFit >= 0.6 && profile?.PriceBand is { } band)
        {
            reasons.Add((t.PriceFit.Value * 0.8, $"In your price range ({Money(band.Low)}–{Money(band.High)})"));
        }

        if (t.Popularity >= 0.5 || c.Sources.Contains(Trending))
        {
            reasons.Add((0.5 + t.Popularity * 0.3, $"Popular in {LastSegment(product.CategoryPath.Count > 0 ? product.CategoryPath[0] : "the store")}"));
        }

        if (t.Discount >= 0.3)
        {
            reasons.Add((t.Discount, $"{t.Discount:P0} off".Replace(" ", "", StringComparison.Ordinal)));
        }

        if (t.Rating >= 0.8 && product.Rating is { } stars)
        {
            reasons.Add((t.Rating * 0.5, $"Rated {stars.ToString("0.0", CultureInfo.InvariantCulture)}★"));
        }

        if (reasons.Count == 0)
        {
            reasons.Add((0, $"In {LastSegment(product.Category)}"));
        }

        return reasons.OrderByDescending(r => r.Weight).Select(r => r.Text).Distinct().Take(4).ToArray();
    }

    public static string Money(double value) => "₹" + Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);

    private static string LastSegment(string path)
    {
        var i = path.LastIndexOf(" > ", StringComparison.Ordinal);
        return i < 0 ? path : path[(i + 3)..];
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
