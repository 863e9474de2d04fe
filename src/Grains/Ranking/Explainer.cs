using System.Globalization;
using Aisle.Catalog;
using Aisle.Recommendations;
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
    public const string Next = "next";

    /// <summary>The learned next-item model proposed it (Learning/ServedModel).</summary>
    public const string Learned = "learned";

    /// <summary>A product type the language model proposed for the search ("things for a new puppy" → dog bowl).</summary>
    public const string Suggested = "suggested";

    /// <summary>A product type the language model says goes with the anchor's category ("Mobiles" → screen guard).</summary>
    public const string Complements = "complements";

    /// <param name="context">For searches: what the query asked for (its words, budget, category).</param>
    public IReadOnlyList<string> Explain(ScoredCandidate item, UserProfile? profile, QueryUnderstood? context = null)
    {
        var query = context?.Text;
        var reasons = new List<(double Weight, string Text)>();
        var c = item.Candidate;
        var t = item.Terms;
        var product = catalog.Product(c.Row);

        if (c.Sources.Contains(BusinessRules.Pinned))
        {
            reasons.Add((10, "Featured by the store"));
        }
        else if (c.Sources.Contains(BusinessRules.Boosted))
        {
            reasons.Add((1.9, "Promoted by the store"));
        }

        if (query is not null)
        {
            var words = c.Sources.Contains(Lexical);
            var meaning = c.Sources.Contains(Vector);
            var match = (words, meaning) switch
            {
                (true, true) => $"Matches \"{Shorten(query)}\" in words and meaning",
                (true, false) => $"Matches the words of \"{Shorten(query)}\"",
                (false, true) => $"Close in meaning to \"{Shorten(query)}\"",
                _ => null,
            };
            if (match is not null)
            {
                reasons.Add((2 + t.Relevance, match));
            }
        }

        if (query is not null && c.BecauseOf is { } proposed && c.Sources.Contains(Suggested))
        {
            reasons.Add((1.9 + t.Relevance, $"Suggested for \"{Shorten(query)}\": {proposed}"));
        }

        if (c.BecauseOf is { } goesWith && c.Sources.Contains(Complements))
        {
            reasons.Add((2.05 + t.Relevance, $"Goes with {goesWith}"));
        }

        if (c.BecauseOf is { } after && c.Sources.Contains(Next))
        {
            reasons.Add((2.1 + t.Relevance, $"Shoppers often choose it next after {after}"));
        }
        else if (c.BecauseOf is { } because && c.Sources.Contains(Neighbours))
        {
            reasons.Add((2 + t.Relevance, $"Often viewed together with {because}"));
        }

        if (c.Sources.Contains(Learned) && !c.Sources.Contains(Next) && !c.Sources.Contains(Neighbours))
        {
            // The model weighs several recent products at once, so it names none of them.
            reasons.Add((1.95 + t.Relevance, "Shoppers with a history like yours often chose it next"));
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
            var spread = Math.Max(band.StdDevLogPrice, PriceFit.MinStdDevLogPrice);
            var low = Math.Exp(band.MeanLogPrice - spread);
            var high = Math.Exp(band.MeanLogPrice + spread);
            reasons.Add((t.PriceFit.Value * 0.8, $"In your price range ({Money(low)}–{Money(high)})"));
        }

        if (context?.MaxPrice is { } max && catalog.Price(c.Row) is { } price && price <= max)
        {
            reasons.Add((1.5, $"{Money(price)}, within your {Money(max)} budget"));
        }

        if (context?.Category is { } searchedCategory && c.Sources.Count > 0)
        {
            reasons.Add((1.4, $"In {searchedCategory}"));
        }

        var department = product.CategoryPath.Count > 0 ? product.CategoryPath[0] : "the store";
        if (t.Popularity >= 0.5)
        {
            reasons.Add((0.5 + t.Popularity * 0.3, $"Popular in {department} right now"));
        }
        else if (c.Sources.Contains(Trending))
        {
            // No traffic behind it yet: the trending list falls back to ratings and discounts, so say that.
            reasons.Add((0.5, $"A top pick in {department}"));
        }

        if (t.Discount >= 0.3)
        {
            reasons.Add((t.Discount, $"{Math.Round(t.Discount * 100)}% off"));
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

    public static string LastSegment(string path)
    {
        var i = path.LastIndexOf(" > ", StringComparison.Ordinal);
        return i < 0 ? path : path[(i + 3)..];
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
