using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Aisle.Retrieval.Vector;

namespace Aisle.Retrieval.Approximate;

/// <summary>
/// A filter USearch calls back into while it walks the graph (<c>usearch_filtered_search</c>), so hits that fail it are
/// stepped over rather than returned and thrown away: a filtered query still gets its k best passing rows. The native
/// side holds only a GC handle to this object for the duration of one search.
/// </summary>
internal sealed class GraphFilter(ColumnRowFilter? columns, int[]? excluded, int excludedCount)
{
    /// <summary>The callback USearch invokes per candidate key (a row): non-zero accepts.</summary>
    public static unsafe delegate* unmanaged[Cdecl]<ulong, nint, int> Callback => &Accepts;

    public bool Passes(int row)
    {
        if (columns is { } filter && !filter.Passes(row))
        {
            return false;
        }

        return excluded is null || Array.BinarySearch(excluded, 0, excludedCount, row) < 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Accepts(ulong key, nint state)
    {
        // An exception must not unwind into native code: a failure here rejects the row instead.
        try
        {
            return GCHandle.FromIntPtr(state).Target is GraphFilter filter && filter.Passes((int)key) ? 1 : 0;
        }
        catch
        {
            return 0;
        }
    }
}
