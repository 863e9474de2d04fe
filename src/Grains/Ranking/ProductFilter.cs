using Aisle.Catalog;
using Aisle.Query;
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

    private string[]? Segments => Category is null ? null : _segments ??= CategoryPath.Segments(Category);

    public bool Accepts(CatalogReplica catalog, int row)
    {
        var product = catalog.Product(row);
        if (InStockOnly && catalog.Stock(row) <= 0)
        {
            return false;
        }

        if (Segments is { } segments && !CategoryPath.StartsWith(product.CategoryPath, segments))
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

/// <summary>Gendered products: a search for men's shoes should not show products labelled only for women.</summary>
public static class GenderWords
{
    /// <summary>
    /// True when the product's name or category names a gender that conflicts with <paramref name="gender"/> and none
    /// that fits it ("For Men, Women" fits both; a product naming no gender fits every search).
    /// </summary>
    public static bool Contradicts(Product product, string gender)
    {
        var (fits, conflicts) = gender switch
        {
            Genders.Men => ((string[])[Genders.Men, Genders.Unisex], (string[])[Genders.Women, Genders.Girls]),
            Genders.Women => ([Genders.Women, Genders.Unisex], [Genders.Men, Genders.Boys]),
            Genders.Boys => ([Genders.Boys, Genders.Kids, Genders.Unisex], [Genders.Girls, Genders.Women]),
            Genders.Girls => ([Genders.Girls, Genders.Kids, Genders.Unisex], [Genders.Boys, Genders.Men]),
            _ => ([], []),
        };
        if (conflicts.Length == 0)
        {
            return false;
        }

        var conflicting = false;
        foreach (var text in product.CategoryPath.Prepend(product.Name))
        {
            foreach (var token in QueryTokens.Split(text))
            {
                if (Genders.Of(token) is { } named)
                {
                    if (fits.Contains(named))
                    {
                        return false;
                    }

                    conflicting |= conflicts.Contains(named);
                }
            }
        }

        return conflicting;
    }
}
