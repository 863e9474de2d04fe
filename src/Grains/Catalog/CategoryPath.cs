namespace Aisle.Catalog;

/// <summary>
/// Category paths as segments: <c>"A &gt; B &gt;&gt; C"</c> → [A, B, C], trimmed, empty segments dropped. Category filters
/// match whole leading segments, case-insensitively: "footwear" and "Footwear &gt; Men's Footwear" match
/// "Footwear &gt; Men's Footwear &gt; Sports Shoes"; "Foot" matches nothing.
/// </summary>
public static class CategoryPath
{
    private static readonly char[] Separators = ['>'];

    public static string[] Segments(string? path) =>
        string.IsNullOrWhiteSpace(path)
            ? []
            : path.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when <paramref name="prefix"/>'s segments equal the leading segments of <paramref name="path"/>, ignoring case.</summary>
    public static bool StartsWith(IReadOnlyList<string> path, string[] prefix)
    {
        if (prefix.Length > path.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(path[i], prefix[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
