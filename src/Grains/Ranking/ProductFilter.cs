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
    Gender Gender = Gender.None,
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

        if (Gender != Gender.None && ProductGenders.Contradicts(catalog.Genders(row), Gender))
        {
            return false;
        }

        return ExcludeIds is not { Count: > 0 } || !ExcludedRows(catalog).Contains(row);
    }

    /// <summary>The excluded products' rows, resolved once per filter: a filter checks thousands of rows per request,
    /// and an int lookup costs a fraction of hashing a product id.</summary>
    private HashSet<int> ExcludedRows(CatalogReplica catalog) => _excludedRows ??= [.. catalog.RowsOf([.. ExcludeIds!])];

    public VectorFilter ToVectorFilter() => new(Category, Brand, MinPrice, MaxPrice, InStockOnly, ExcludeIds, Gender);
}
