namespace Aisle.Catalog;

/// <summary>The rows of one category: in row order, and as a bit per catalog row for a membership test in O(1) while
/// walking a ranking of the whole catalog.</summary>
public sealed class CategoryRows
{
    private readonly ulong[] _bits;

    public CategoryRows(int[] rows, int catalogSize)
    {
        Rows = rows;
        _bits = new ulong[(catalogSize + 63) / 64];
        foreach (var row in rows)
        {
            _bits[row >> 6] |= 1UL << (row & 63);
        }
    }

    /// <summary>The category's rows, ascending.</summary>
    public int[] Rows { get; }

    public bool Contains(int row) => (uint)(row >> 6) < (uint)_bits.Length && (_bits[row >> 6] & (1UL << (row & 63))) != 0;
}
