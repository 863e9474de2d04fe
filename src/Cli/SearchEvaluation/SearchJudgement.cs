using System.Text.RegularExpressions;

namespace Aisle.Cli.SearchEvaluation;

/// <summary>
/// What a good answer to one shopper query looks like. A product is relevant when its category path starts with one
/// of <see cref="Categories"/> (whole segments) or its name contains one of <see cref="NameWords"/> as whole words
/// (a trailing "s"/"es" allowed), and its price meets the query's own price constraint.
/// </summary>
/// <param name="Query">The text a shopper types.</param>
/// <param name="Categories">Category path prefixes, <c>A &gt; B</c>, spelled as in the catalog.</param>
/// <param name="NameWords">Words or phrases a relevant product's name may carry instead (case-insensitive).</param>
/// <param name="MinPrice">The lowest price the query asks for, inclusive; null when it names none.</param>
/// <param name="MaxPrice">The highest price the query asks for, inclusive (a "price cap"); null when it names none.</param>
public sealed record SearchJudgement(
    string Query, IReadOnlyList<string> Categories, IReadOnlyList<string> NameWords, decimal? MinPrice, decimal? MaxPrice)
{
    private Regex? _names;

    /// <summary>True when the query states a price range, so its results can break it.</summary>
    public bool HasPriceConstraint => MinPrice is not null || MaxPrice is not null;

    public bool IsRelevant(string category, string name, decimal? price) =>
        MeetsPrice(price) && (InCategory(category) || NamesIt(name));

    /// <summary>A shown product outside the price range the query asked for (a product without a price breaks it too).</summary>
    public bool BreaksPrice(decimal? price) => HasPriceConstraint && !MeetsPrice(price);

    private bool MeetsPrice(decimal? price) =>
        !HasPriceConstraint || (price is { } p && (MinPrice is null || p >= MinPrice) && (MaxPrice is null || p <= MaxPrice));

    private bool InCategory(string category)
    {
        foreach (var prefix in Categories)
        {
            if (category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (category.Length == prefix.Length || category.AsSpan(prefix.Length).StartsWith(" > ", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private bool NamesIt(string name)
    {
        if (NameWords.Count == 0)
        {
            return false;
        }

        // Whole words, so "ring" does not match "earring" and "pen" not "pendant".
        _names ??= new Regex(
            @"(?<![\p{L}\p{N}])(?:" + string.Join('|', NameWords.Select(Regex.Escape)) + @")(?:e?s)?(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return _names.IsMatch(name);
    }
}
