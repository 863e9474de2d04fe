using Aisle.Catalog;

namespace Aisle.Query;

/// <summary>What a shopper's search text asks for, as understood before retrieval.</summary>
/// <param name="Original">The query exactly as received.</param>
/// <param name="Text">Free text left for retrieval: price phrases removed, brand and gender words kept (they help matching).</param>
/// <param name="MinPrice">Lowest acceptable price, inclusive; null when not asked.</param>
/// <param name="MaxPrice">Highest acceptable price, inclusive; null when not asked.</param>
/// <param name="Brand">A catalog brand named in the query, spelled as in the catalog.</param>
/// <param name="Category">Inferred category path prefix, <c>A</c> or <c>A &gt; B</c>, spelled as in the catalog.</param>
/// <param name="Gender">One of <c>Men</c>, <c>Women</c>, <c>Boys</c>, <c>Girls</c>, <c>Kids</c> or <c>Unisex</c>; <see cref="Catalog.Gender.None"/> when not asked.</param>
/// <param name="Notes">What was understood, in words, for explanations and logs.</param>
public sealed record ParsedQuery(
    string Original,
    string Text,
    double? MinPrice,
    double? MaxPrice,
    string? Brand,
    string? Category,
    Gender Gender,
    IReadOnlyList<string> Notes)
{
    /// <summary>A query with nothing understood: the text is the (trimmed) original.</summary>
    public static ParsedQuery Unparsed(string? original) =>
        new(original ?? string.Empty, (original ?? string.Empty).Trim(), null, null, null, null, Gender.None, []);

    /// <summary>True when any structured signal (price, brand, category, gender) was found.</summary>
    public bool HasSignals => MinPrice is not null || MaxPrice is not null || Brand is not null || Category is not null || Gender != Gender.None;
}
