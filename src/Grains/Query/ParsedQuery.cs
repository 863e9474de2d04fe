using Aisle.Catalog;
using Aisle.Llm;

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

    /// <summary>
    /// True when <see cref="Category"/> is sure enough to filter by; otherwise it was guessed from the words and only
    /// boosts the products in it, so a wrong guess can neither empty the results nor hide the obvious matches.
    /// </summary>
    public bool CategoryCertain { get; init; }

    /// <summary>True when <see cref="Brand"/> is sure enough to filter by; otherwise it only boosts the brand.</summary>
    public bool BrandCertain { get; init; }

    /// <summary>Who understood the query: <c>rules</c>, or the model's name when a model did.</summary>
    public string UnderstoodBy { get; init; } = RulesName;

    /// <summary>The kind of product asked for, when a model named it.</summary>
    public string? ProductType { get; init; }

    /// <summary>Colour, size and material asked for, when a model read them.</summary>
    public ProductAttributes Attributes { get; init; } = ProductAttributes.None;

    /// <summary>True when the query names a need ("things for a new puppy") rather than a product.</summary>
    public bool NamesNeed { get; init; }

    /// <summary>
    /// The query rewritten as catalog keywords by a model ("something to tell the time" → "analog wrist watch"); null
    /// from the rules. When set, the lexical (BM25) retrieval searches these instead of <see cref="Text"/>: BM25 only
    /// finds the words it is given, and a shopper's words are often not the catalog's. The vector side keeps the
    /// shopper's text, whose meaning an embedding already reads.
    /// </summary>
    public string? Keywords { get; init; }

    /// <summary>Products a model proposes for the need, each an extra retrieval source; empty from the rules.</summary>
    public IReadOnlyList<ProposedProducts> Proposals { get; init; } = [];

    public const string RulesName = "rules";

    /// <summary>True when any structured signal (price, brand, category, gender) was found.</summary>
    public bool HasSignals => MinPrice is not null || MaxPrice is not null || Brand is not null || Category is not null || Gender != Gender.None;
}
