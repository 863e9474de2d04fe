namespace Aisle.Retrieval.Approximate;

/// <summary>
/// For each small id (an interned category path or brand), the rows that carry it: a selective filter then visits its
/// few thousand rows instead of testing a million. Rows move between lists when an upsert changes their metadata,
/// which the catalog rarely does, so removal is a linear search of one list. Writers must be exclusive.
/// </summary>
internal sealed class RowPostings
{
    private readonly List<List<int>> _rows = [];

    /// <summary>Rows carrying <paramref name="id"/> (empty for an id never seen).</summary>
    public IReadOnlyList<int> Rows(int id) => id >= 0 && id < _rows.Count ? _rows[id] : [];

    public int CountOf(int id) => id >= 0 && id < _rows.Count ? _rows[id].Count : 0;

    /// <summary>Records that <paramref name="row"/> now carries <paramref name="id"/> instead of <paramref name="previous"/>
    /// (null for a new row; negative ids, "none", are not listed).</summary>
    public void Move(int row, int? previous, int id)
    {
        if (previous == id)
        {
            return;
        }

        if (previous is >= 0 && previous < _rows.Count)
        {
            _rows[previous.Value].Remove(row);
        }

        if (id < 0)
        {
            return;
        }

        while (_rows.Count <= id)
        {
            _rows.Add([]);
        }

        _rows[id].Add(row);
    }
}
