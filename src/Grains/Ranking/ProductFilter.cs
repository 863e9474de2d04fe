using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Ranking;

/// <summary>
/// The filter stage: category, brand, price range, stock, gender and exclusions, checked against the replica's
/// live columns. The same conditions are handed to the vector index so it filters during its scan.
/// </summary>
public sealed record ProductFilter(
    string? Category = null,
    string? Brand = null,
    double? MinPrice = null,
    double? MaxPrice = null,
    bool InStockOnly = false,
    string? Gender = null,
    IReadOnlySet<string>? ExcludeIds = null)
{
    private string[]? _segments;

    private string[]? Segments => Category is null ? null : _segments ??= CategoryMatch.Segments(Category);

    public bool Accepts(CatalogReplica catalog, int row)
    {
        var product = catalog.Product(row);
        if (InStockOnly && catalog.Stock(row) <= 0)
        {
            return false;
        }

        if (Segments is { } segments && !CategoryMatch.Matches(product.CategoryPath, segments))
        {
            return false;
        }

        if (Brand is not null && !string.Equals(product.Brand, Brand, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (MinPrice is not null || MaxPrice is not null)
        {
            if (catalog.Price(row) is not { } price || price < (MinPrice ?? double.MinValue) || price > (MaxPrice ?? double.MaxValue))
            {
                return false;
            }
        }

        if (Gender is not null && GenderWords.Contradicts(product, Gender))
        {
            return false;
        }

        return ExcludeIds is null || !ExcludeIds.Contains(product.Id);
    }

    public VectorFilter ToVectorFilter() => new(Category, Brand, MinPrice, MaxPrice, InStockOnly, ExcludeIds);
}

/// <summary>Gendered product words: a search for men's shoes should not show products labelled for women.</summary>
public static class GenderWords
{
    private static readonly Dictionary<string, string[]> Opposites = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Men"] = ["women", "women's", "womens", "ladies", "girls", "girl's"],
        ["Women"] = ["men", "men's", "mens", "boys", "boy's", "gents"],
        ["Boys"] = ["girls", "girl's", "women", "women's"],
        ["Girls"] = ["boys", "boy's", "men", "men's"],
    };

    private static readonly char[] Separators = [' ', ',', '(', ')', '-', '/', '&', '.'];

    /// <summary>True when the product's name or category names a gender other than <paramref name="gender"/>.</summary>
    public static bool Contradicts(Product product, string gender)
    {
        if (!Opposites.TryGetValue(gender, out var opposite))
        {
            return false;
        }

        return ContainsAny(product.Name, opposite) || product.CategoryPath.Any(segment => ContainsAny(segment, opposite));
    }

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var token in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var word in words)
            {
                if (token.Equals(word, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
