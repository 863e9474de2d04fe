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
    private CategoryRows? _members;
    private HashSet<int>? _excludedRows;

    /// <summary>Copies the conditions, not what was resolved from them: a <c>with</c> may change them.</summary>
    private ProductFilter(ProductFilter original)
    {
        Category = original.Category;
        Brand = original.Brand;
        MinPrice = original.MinPrice;
        MaxPrice = original.MaxPrice;
        InStockOnly = original.InStockOnly;
        Gender = original.Gender;
        ExcludeIds = original.ExcludeIds;
    }

    public bool Accepts(CatalogReplica catalog, int row)
    {
        var product = catalog.Product(row);
        if (InStockOnly && catalog.Stock(row) <= 0)
        {
            return false;
        }

        // The replica keeps each category's rows as a bit set: one lookup per filter, not a path comparison per row.
        if (Category is not null && !(_members ??= catalog.Members(Category)).Contains(row))
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

        if (Gender is not null && GenderWords.Contradicts(catalog.Genders(row), Gender))
        {
            return false;
        }

        return ExcludeIds is not { Count: > 0 } || !ExcludedRows(catalog).Contains(row);
    }

    /// <summary>The excluded products' rows, resolved once per filter: a filter checks thousands of rows per request,
    /// and an int lookup costs a fraction of hashing a product id.</summary>
    private HashSet<int> ExcludedRows(CatalogReplica catalog) => _excludedRows ??= [.. catalog.RowsOf([.. ExcludeIds!])];

    public VectorFilter ToVectorFilter() => new(Category, Brand, MinPrice, MaxPrice, InStockOnly, ExcludeIds);
}

/// <summary>The genders a product's name or category names, as flags (precomputed per row by the replica).</summary>
[Flags]
public enum GenderSet : byte
{
    None = 0,
    Men = 1,
    Women = 2,
    Boys = 4,
    Girls = 8,
    Kids = 16,
    Unisex = 32,
}

/// <summary>Gendered products: a search for men's shoes should not show products labelled only for women.</summary>
public static class GenderWords
{
    /// <summary>Every gender named in the product's name or category path.</summary>
    public static GenderSet Of(Product product)
    {
        var set = GenderSet.None;
        foreach (var text in product.CategoryPath.Prepend(product.Name))
        {
            foreach (var token in QueryTokens.Split(text))
            {
                set |= Genders.Of(token) switch
                {
                    Genders.Men => GenderSet.Men,
                    Genders.Women => GenderSet.Women,
                    Genders.Boys => GenderSet.Boys,
                    Genders.Girls => GenderSet.Girls,
                    Genders.Kids => GenderSet.Kids,
                    Genders.Unisex => GenderSet.Unisex,
                    _ => GenderSet.None,
                };
            }
        }

        return set;
    }

    /// <summary>
    /// True when the product names a gender that conflicts with <paramref name="gender"/> and none that fits it
    /// ("For Men, Women" fits both; a product naming no gender fits every search).
    /// </summary>
    public static bool Contradicts(GenderSet product, string gender)
    {
        var (fits, conflicts) = gender switch
        {
            Genders.Men => (GenderSet.Men | GenderSet.Unisex, GenderSet.Women | GenderSet.Girls),
            Genders.Women => (GenderSet.Women | GenderSet.Unisex, GenderSet.Men | GenderSet.Boys),
            Genders.Boys => (GenderSet.Boys | GenderSet.Kids | GenderSet.Unisex, GenderSet.Girls | GenderSet.Women),
            Genders.Girls => (GenderSet.Girls | GenderSet.Kids | GenderSet.Unisex, GenderSet.Boys | GenderSet.Men),
            _ => (GenderSet.None, GenderSet.None),
        };
        return (product & fits) == 0 && (product & conflicts) != 0;
    }
}
