using System.Text.RegularExpressions;
using Aisle.Recommendations;

namespace Aisle.Frontend.Storefront;

/// <summary>The search page's parameters as they arrived (strings), and links that change one of them.</summary>
public sealed record SearchParams(string? Q, string? Category, string? Brand, string? MinPrice, string? MaxPrice, string? InStock, int Page = 1)
{
    public string Url(int? page = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(new(key, value));
            }
        }

        Add("q", Q);
        Add("category", Category);
        Add("brand", Brand);
        Add("minPrice", MinPrice);
        Add("maxPrice", MaxPrice);
        Add("inStock", InStock);
        var p = page ?? 1;
        if (p > 1)
        {
            Add("page", p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/search" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }
}

/// <summary>A filter link with how many of the results it keeps.</summary>
public sealed record FacetLink(string Label, int Count, string Url, bool Active = false);

public sealed record FacetGroup(string Name, IReadOnlyList<FacetLink> Links);

/// <summary>Something the search applied (an explicit filter, or what the query text was read as), with the link that
/// runs the search without it; <see cref="RemoveUrl"/> is null when it cannot be removed on its own.</summary>
public sealed record SearchChip(string Label, string? RemoveUrl);

/// <summary>
/// Facets and "understood" chips for the search page, computed from the results themselves (at most 100), so they
/// describe what the shopper can narrow down to, not the whole catalog.
/// </summary>
public static partial class SearchFacets
{
    public const int MaxLinksPerFacet = 8;
    public const int MaxCategoryDepth = 4;

    /// <summary>Price ranges as (label, min, max) with inclusive bounds, as the search filters apply them.</summary>
    public static readonly IReadOnlyList<(string Label, double? Min, double? Max)> PriceRanges =
    [
        ("Under ₹500", null, 500),
        ("₹500–₹1,000", 500, 1000),
        ("₹1,000–₹5,000", 1000, 5000),
        ("Over ₹5,000", 5000, null),
    ];

    public static IReadOnlyList<FacetGroup> Compute(SearchParams current, IReadOnlyList<RankedItem> items)
    {
        var groups = new List<FacetGroup>();

        // One level below the current category filter (the top level when there is none), and deeper while every
        // result shares the level's one value (a facet with a single link narrows nothing).
        var depth = string.IsNullOrWhiteSpace(current.Category) ? 1 : current.Category.Split('>').Length + 1;
        FacetLink[] categories = [];
        for (; depth <= MaxCategoryDepth; depth++)
        {
            categories = items
                .Select(i => CategoryPrefix(i.Category, depth))
                .Where(c => c is not null && !string.Equals(c, current.Category?.Trim(), StringComparison.OrdinalIgnoreCase))
                .GroupBy(c => c!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(MaxLinksPerFacet)
                .Select(g => new FacetLink(g.Key, g.Count(), (current with { Category = g.Key }).Url()))
                .ToArray();
            if (categories.Length != 1 || categories[0].Count < items.Count)
            {
                break;
            }
        }

        if (categories.Length > 0)
        {
            groups.Add(new FacetGroup("Category", categories));
        }

        if (string.IsNullOrWhiteSpace(current.Brand))
        {
            var brands = items
                .Where(i => !string.IsNullOrWhiteSpace(i.Brand))
                .GroupBy(i => i.Brand!, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(MaxLinksPerFacet)
                .Select(g => new FacetLink(g.Key, g.Count(), (current with { Brand = g.Key }).Url()))
                .ToArray();
            if (brands.Length > 0)
            {
                groups.Add(new FacetGroup("Brand", brands));
            }
        }

        var prices = PriceRanges
            .Select(r => new FacetLink(r.Label,
                items.Count(i => i.Price is { } p && (r.Min is null || (double)p >= r.Min) && (r.Max is null || (double)p <= r.Max)),
                (current with { MinPrice = Format(r.Min), MaxPrice = Format(r.Max) }).Url(),
                current.MinPrice == Format(r.Min) && current.MaxPrice == Format(r.Max)))
            .Where(l => l.Count > 0)
            .ToArray();
        if (prices.Length > 0)
        {
            groups.Add(new FacetGroup("Price", prices));
        }

        var inStock = items.Count(i => i.Stock > 0);
        if (inStock > 0 && !string.Equals(current.InStock, "true", StringComparison.OrdinalIgnoreCase))
        {
            groups.Add(new FacetGroup("Availability", [new FacetLink("In stock", inStock, (current with { InStock = "true" }).Url())]));
        }

        return groups;
    }

    /// <summary>
    /// Chips for the explicit filters (each removable) and for what the query text was understood as. Removing an
    /// understood price re-runs the search with the text understanding left (the price phrase dropped) and no price
    /// bounds; removing an understood gender or brand drops those words from the query. A category inferred from the
    /// words is shown but cannot be removed on its own (it would mean dropping the words that name the product).
    /// </summary>
    public static IReadOnlyList<SearchChip> Chips(SearchParams current, QueryUnderstood? understood)
    {
        var chips = new List<SearchChip>();
        if (!string.IsNullOrWhiteSpace(current.Category))
        {
            chips.Add(new SearchChip($"Category: {current.Category}", (current with { Category = null }).Url()));
        }

        if (!string.IsNullOrWhiteSpace(current.Brand))
        {
            chips.Add(new SearchChip($"Brand: {current.Brand}", (current with { Brand = null }).Url()));
        }

        if (!string.IsNullOrWhiteSpace(current.MinPrice))
        {
            chips.Add(new SearchChip($"from {Price(current.MinPrice)}", (current with { MinPrice = null }).Url()));
        }

        if (!string.IsNullOrWhiteSpace(current.MaxPrice))
        {
            chips.Add(new SearchChip($"up to {Price(current.MaxPrice)}", (current with { MaxPrice = null }).Url()));
        }

        if (string.Equals(current.InStock, "true", StringComparison.OrdinalIgnoreCase))
        {
            chips.Add(new SearchChip("In stock only", (current with { InStock = null }).Url()));
        }

        if (understood is null || string.IsNullOrWhiteSpace(current.Q))
        {
            return chips;
        }

        var q = current.Q.Trim();
        var priceFromText = !string.Equals(understood.Text.Trim(), q, StringComparison.OrdinalIgnoreCase)
            && (understood.MinPrice is not null || understood.MaxPrice is not null);
        if (priceFromText)
        {
            var label = (understood.MinPrice, understood.MaxPrice) switch
            {
                ({ } min, { } max) => $"{Display.Price(min)}–{Display.Price(max)}",
                (null, { } max) => $"under {Display.Price(max)}",
                ({ } min, null) => $"over {Display.Price(min)}",
                _ => "price",
            };
            chips.Add(new SearchChip(label, (current with { Q = Blank(understood.Text), MinPrice = null, MaxPrice = null }).Url()));
        }

        if (understood.Gender is { } gender)
        {
            chips.Add(new SearchChip(gender, (current with { Q = Blank(Without(q, GenderWords(gender))) }).Url()));
        }

        if (understood.Brand is { } brand && string.IsNullOrWhiteSpace(current.Brand))
        {
            var without = Without(q, Regex.Escape(brand));
            chips.Add(new SearchChip($"Brand: {brand}",
                string.Equals(without, q, StringComparison.Ordinal) ? null : (current with { Q = Blank(without) }).Url()));
        }

        if (understood.Category is { } category && string.IsNullOrWhiteSpace(current.Category))
        {
            chips.Add(new SearchChip($"Category: {category}", null));
        }

        return chips;
    }

    private static string? CategoryPrefix(string category, int depth)
    {
        var parts = category.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < depth ? null : string.Join(" > ", parts.Take(depth));
    }

    private static string? Format(double? value) =>
        value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Price(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p)
            && double.IsFinite(p) && p >= 0 && p < 1e15
            ? Display.Price(p)
            : value;

    private static string GenderWords(string gender) => gender.ToLowerInvariant() switch
    {
        "men" => "m[ae]n(?:'s|s)?",
        "women" => "wom[ae]n(?:'s|s)?",
        "boys" => "boy(?:'s|s)?",
        "girls" => "girl(?:'s|s)?",
        "kids" => "kid(?:'s|s)?|child(?:ren)?",
        var other => Regex.Escape(other),
    };

    private static string Without(string q, string pattern)
    {
        var removed = Regex.Replace(q, $@"(?:\bfor\s+)?\b(?:{pattern})(?!\w)", " ", RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
        return Spaces().Replace(removed, " ").Trim();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
