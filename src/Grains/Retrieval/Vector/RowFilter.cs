using System.Runtime.CompilerServices;
using Aisle.Catalog;

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
/// missing prices are NaN (so every comparison with a bound fails), genders are flags, so a row check is a few array reads.
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
    bool[] inStock,
    Gender genderFits,
    Gender genderConflicts,
    Gender[] genders) : IRowFilter
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

        if (inStockOnly && !inStock[row])
        {
            return false;
        }

        // ProductGenders.Contradicts, inlined: the row's genders were worked out once, on upsert.
        return genderConflicts == Gender.None || (genders[row] & genderFits) != 0 || (genders[row] & genderConflicts) == 0;
    }
}
