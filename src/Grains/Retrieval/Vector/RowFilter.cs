using System.Runtime.CompilerServices;

namespace Aisle.Retrieval.Vector;

/// <summary>A per-row predicate the scan inlines; a struct type parameter lets the JIT drop it entirely when unfiltered.</summary>
internal interface IRowFilter
{
    bool Passes(int row);
}

internal readonly struct NoRowFilter : IRowFilter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Passes(int row) => true;
}

/// <summary>
/// A <see cref="VectorFilter"/> resolved against the index's metadata columns: category and brand become ids,
/// missing prices are NaN (so every comparison with a bound fails), so a row check is a few array reads.
/// </summary>
internal readonly struct ColumnRowFilter(
    bool[]? categoryMatches,
    int[] categoryIds,
    int brandId,
    int[] brandIds,
    double minPrice,
    double maxPrice,
    bool hasPriceBound,
    double[] prices,
    bool inStockOnly,
    bool[] inStock) : IRowFilter
{
    /// <summary>Brand id meaning "any brand".</summary>
    public const int AnyBrand = -2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Passes(int row)
    {
        if (categoryMatches is not null && !categoryMatches[categoryIds[row]])
        {
            return false;
        }

        if (brandId != AnyBrand && brandIds[row] != brandId)
        {
            return false;
        }

        if (hasPriceBound)
        {
            var price = prices[row];
            if (!(price >= minPrice && price <= maxPrice))
            {
                return false;
            }
        }

        return !inStockOnly || inStock[row];
    }
}
